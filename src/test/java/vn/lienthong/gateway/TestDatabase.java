package vn.lienthong.gateway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the Spring tests use: H2 (default), or the PostgreSQL server at 127.0.0.1:5432 when the
 * build runs with {@code -Dgateway.test.db=postgres} (the {@code postgres} test execution in the pom).
 * Each test JVM gets its own schema, dropped when the JVM ends, so runs never see each other's rows.
 */
public final class TestDatabase {

    public static final boolean POSTGRES = "postgres".equals(System.getProperty("gateway.test.db"));
    public static final String URL = System.getProperty("gateway.test.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("gateway.test.pg-user", "postgres");
    private static final String SCHEMA = "gw_test_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() % 100000);

    static {
        if (POSTGRES) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropSchema));
        }
    }

    private TestDatabase() {
    }

    /** Points the context at PostgreSQL when asked to; H2 otherwise (nothing to register). */
    public static void register(DynamicPropertyRegistry registry) {
        if (POSTGRES) {
            registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
            registry.add("spring.datasource.username", () -> USER);
            registry.add("spring.datasource.password", () -> "");
            registry.add("spring.flyway.default-schema", () -> SCHEMA);
            registry.add("spring.flyway.schemas", () -> SCHEMA);
            registry.add("spring.flyway.create-schemas", () -> "true");
        }
    }

    private static void dropSchema() {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }
}
