package eu.indriva.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, database "test", trust auth; INDRIVA_TEST_PG_URL
 * overrides). Tests that need it are skipped, with a message saying so, when it is not there.
 * Each test run gets a fresh schema; schemas of earlier runs are dropped first.
 */
public final class Postgres {

    public static final String URL = System.getenv().getOrDefault("INDRIVA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("INDRIVA_TEST_PG_USER", "postgres");
    private static volatile Boolean available;

    private Postgres() {}

    public static boolean available() {
        if (available == null) {
            try (Connection c = DriverManager.getConnection(URL + "?connectTimeout=2", USER, "")) {
                available = c.isValid(2);
            } catch (Exception e) {
                System.err.println("PostgreSQL tests SKIPPED: no PostgreSQL at " + URL + " (" + e.getMessage()
                        + "). Start it with `pg_ctlcluster 15 main start` or set INDRIVA_TEST_PG_URL.");
                available = false;
            }
        }
        return available;
    }

    /** A new, empty schema for one application context. */
    public static synchronized String freshSchema() {
        String schema = "indriva_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return schema;
    }

    /** Drops the schemas earlier test runs left behind (called once per JVM, before any test schema is made). */
    public static synchronized void dropOldSchemas() {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            List<String> old = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'indriva\\_test\\_%'")) {
                while (rs.next()) {
                    old.add(rs.getString(1));
                }
            }
            for (String schema : old) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jdbcUrl(String schema) {
        return URL + "?currentSchema=" + schema;
    }
}
