package eu.indriva.flow;

import eu.indriva.support.Postgres;
import org.junit.jupiter.api.condition.EnabledIf;

/** The crash and restart tests again with PostgreSQL as the database (the production set-up). */
@EnabledIf(value = "eu.indriva.support.Postgres#available", disabledReason = "no PostgreSQL at 127.0.0.1:5432 (see Postgres)")
class PostgresCrashRecoveryTest extends CrashRecoveryTest {

    private String schema;

    @Override
    protected String[] args() {
        if (schema == null) {
            schema = Postgres.freshSchema();
        }
        return new String[] {"--spring.datasource.url=" + Postgres.jdbcUrl(schema), "--spring.datasource.username=" + Postgres.USER,
                "--spring.datasource.password="};
    }
}
