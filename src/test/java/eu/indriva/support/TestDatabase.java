package eu.indriva.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A migrated database for repository tests: an H2 file under {@code dir}, or a fresh PostgreSQL schema (skipped when none runs). */
public final class TestDatabase {

    private TestDatabase() {}

    /** @param database "h2" or "postgresql" */
    public static DriverManagerDataSource migrated(String database, Path dir) {
        DriverManagerDataSource ds;
        if (database.equals("h2")) {
            ds = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;QUERY_CACHE_SIZE=0", "sa", "");
        } else {
            assumeTrue(Postgres.available(), "PostgreSQL is not running at " + Postgres.URL);
            ds = new DriverManagerDataSource(Postgres.jdbcUrl(Postgres.freshSchema()), Postgres.USER, "");
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }
}
