package eu.indriva.flow;

import eu.indriva.support.Postgres;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every outbound flow test again, with PostgreSQL as the database (the production set-up). */
@EnabledIf(value = "eu.indriva.support.Postgres#available", disabledReason = "no PostgreSQL at 127.0.0.1:5432 (see Postgres)")
class PostgresOutboundFlowTest extends OutboundFlowTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        if (!Postgres.available()) {
            return;
        }
        Postgres.dropOldSchemas();
        String schema = Postgres.freshSchema();
        r.add("spring.datasource.url", () -> Postgres.jdbcUrl(schema));
        r.add("spring.datasource.username", () -> Postgres.USER);
        r.add("spring.datasource.password", () -> "");
    }
}
