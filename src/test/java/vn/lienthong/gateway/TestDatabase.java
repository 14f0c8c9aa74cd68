package vn.lienthong.gateway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the tests use: H2 by default, PostgreSQL when the build runs with {@code -Dgateway.test.db=postgres}
 * (the pom's {@code postgres} test execution) and for the tests of the production profile. PostgreSQL is the server
 * given by {@code -Dgateway.test.pg-url} or {@code GATEWAY_TEST_PG_URL} (user {@code gateway.test.pg-user} /
 * {@code GATEWAY_TEST_PG_USER}, default {@code postgres}, no password) when there is one, and otherwise a real
 * PostgreSQL started for this JVM ({@link EmbeddedPostgresServer}), so a machine with only a JDK runs every test.
 * Each test JVM works in a schema of its own, dropped when the JVM ends.
 */
public final class TestDatabase {

    public static final boolean POSTGRES = "postgres".equals(System.getProperty("gateway.test.db"));
    private static final Optional<String> GIVEN_URL = setting("gateway.test.pg-url", "GATEWAY_TEST_PG_URL");
    private static final String USER = setting("gateway.test.pg-user", "GATEWAY_TEST_PG_USER").orElse("postgres");
    private static final String SCHEMA = "gw_test_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() % 100000);

    private static EmbeddedPostgresServer embedded;
    private static boolean schemaCreated;

    private TestDatabase() {
    }

    /** Points the context at PostgreSQL when asked to; H2 otherwise (nothing to register). */
    public static void register(DynamicPropertyRegistry registry) {
        if (POSTGRES) {
            String url = url();
            registry.add("spring.datasource.url", () -> url + "?currentSchema=" + SCHEMA);
            registry.add("spring.datasource.username", () -> USER);
            registry.add("spring.datasource.password", () -> "");
            registry.add("spring.flyway.default-schema", () -> SCHEMA);
            registry.add("spring.flyway.schemas", () -> SCHEMA);
            registry.add("spring.flyway.create-schemas", () -> "true");
        }
    }

    /** The JDBC URL of the PostgreSQL server: the given one, or the embedded one, started on first use. */
    public static synchronized String url() {
        if (GIVEN_URL.isPresent()) {
            ensureSchemaDropped();
            return GIVEN_URL.get();
        }
        if (embedded == null) {
            embedded = EmbeddedPostgresServer.start();
        }
        return embedded.jdbcUrl();
    }

    public static String user() {
        return USER;
    }

    /** Whether the server is this JVM's own embedded one, which a test may stop and start (an outage). */
    public static boolean embedded() {
        return GIVEN_URL.isEmpty();
    }

    /** Stops the embedded server at once, as an outage would. */
    public static synchronized void stopEmbedded() {
        requireEmbedded().stopServer();
    }

    /** Starts the embedded server again, on the same data and port. */
    public static synchronized void startEmbedded() {
        requireEmbedded().startServer();
    }

    private static EmbeddedPostgresServer requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("no embedded PostgreSQL runs in this JVM");
        }
        return embedded;
    }

    /** A given server outlives this JVM, so the schema this JVM creates there is dropped when it ends. */
    private static void ensureSchemaDropped() {
        if (!schemaCreated) {
            schemaCreated = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropSchema, "test-schema-drop"));
        }
    }

    private static void dropSchema() {
        try (Connection c = DriverManager.getConnection(GIVEN_URL.orElseThrow(), USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }

    private static Optional<String> setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
