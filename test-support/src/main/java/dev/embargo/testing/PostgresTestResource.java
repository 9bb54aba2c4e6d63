package dev.embargo.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service's datasource at the embedded PostgreSQL, with the service's own role and schema. Init arg
 * {@code service} names the schema; default {@code app}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String service = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        TestDatabase.Account account = TestDatabase.account(service);
        return Map.of("quarkus.datasource.jdbc.url", account.jdbcUrl(), "quarkus.datasource.username",
                account.username(), "quarkus.datasource.password", account.password(), "quarkus.flyway.schemas",
                service, "quarkus.flyway.default-schema", service, "quarkus.hibernate-orm.database.default-schema",
                service);
    }

    @Override
    public void stop() {
        // the server lives for the JVM; each test owns its rows
    }
}
