package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * Issue 8 part 2: every endpoint × every identity, generated from one table. A row says which identities may
 * pass and what an allowed call answers (the request is built so that passing the door gives a known answer
 * without changing anything); every other authenticated identity gets 403, and no identity, a wrong password
 * or a locked account gets 401 (the console's pages send a browser to the login page instead).
 */
// Not rerun on PostgreSQL (pom.xml, execution postgres): who may pass which door (lockouts are kept in memory);
// the answers behind the doors are tested on PostgreSQL by the functional tests.
@Tag("database-independent")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixE2ETest extends GatewayTestSupport {

    /** Who knocks: an API key, operator credentials, or nothing. */
    record Identity(String name, String apiKey, String user, String password) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Identity NOBODY = new Identity("no identity", null, null, null);
    static final Identity ONE_STOP = new Identity("one-stop", "demo-one-stop-key", null, null);
    static final Identity IZB = new Identity("izb-investment", "demo-izb-investment-key", null, null);
    static final Identity DPI = new Identity("dpi-business", "demo-dpi-business-key", null, null);
    static final Identity DOLISA = new Identity("dolisa-labour", "demo-dolisa-labour-key", null, null);
    static final Identity DOC_OFFICE = new Identity("doc-office", "demo-doc-office-key", null, null);
    static final Identity WRONG_KEY = new Identity("unknown key", "demo-nobody-at-all-key", null, null);
    static final Identity VIEWER = new Identity("viewer", null, "viewer", "viewer-demo");
    static final Identity OPERATOR = new Identity("operator", null, "operator", "operator-demo");
    static final Identity ADMIN = new Identity("admin", null, "admin", "admin-demo");
    static final Identity WRONG_PASSWORD = new Identity("wrong password", null, "operator", "not-the-password");
    /** Last in the table: its first call locks the account with repeated wrong passwords. */
    static final Identity LOCKED = new Identity("locked account", null, "viewer", "viewer-demo");

    static final List<Identity> IDENTITIES = List.of(NOBODY, WRONG_KEY, WRONG_PASSWORD, ONE_STOP, IZB, DPI, DOLISA,
            DOC_OFFICE, VIEWER, OPERATOR, ADMIN, LOCKED);

    static final Set<Identity> DEPARTMENTS = Set.of(IZB, DPI, DOLISA);
    static final Set<Identity> SYSTEMS = Set.of(ONE_STOP, IZB, DPI, DOLISA, DOC_OFFICE);
    static final Set<Identity> VIEWERS = Set.of(VIEWER, OPERATOR, ADMIN);
    static final Set<Identity> OPERATORS = Set.of(OPERATOR, ADMIN);
    static final Set<Identity> ADMINS = Set.of(ADMIN);

    /** One endpoint: how to call it, who may, and what an allowed call answers. */
    record Endpoint(String method, String path, String contentType, String body, Set<Identity> allowed,
                    int allowedStatus, boolean browserPage) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/dossiers", "application/json", "{}", Set.of(ONE_STOP), 400, false),
            new Endpoint("POST", "/api/v1/dossiers/NO-SUCH-1/status", "application/json", "{}", DEPARTMENTS, 400,
                    false),
            new Endpoint("POST", "/api/v1/documents", "text/plain", "x", Set.of(DOC_OFFICE), 415, false),
            new Endpoint("POST", "/api/v1/documents/000.00.31.H19,2024%2F05%2F02,1%2FX/status", "application/json",
                    "{}", Set.of(DOC_OFFICE), 400, false),
            new Endpoint("POST", "/services/DossierStatusService", "text/xml", "<x", SYSTEMS, 500, false),
            new Endpoint("GET", "/api/v1/dossiers/NO-SUCH-1", null, null, VIEWERS, 404, false),
            new Endpoint("GET", "/api/v1/documents/000.00.31.H19,2024%2F05%2F02,1%2FX", null, null, VIEWERS, 404,
                    false),
            new Endpoint("GET", "/api/v1/packages/" + "0".repeat(64), null, null, Set.of(DOC_OFFICE), 404, false),
            new Endpoint("GET", "/api/v1/messages?size=1", null, null, VIEWERS, 200, false),
            new Endpoint("GET", "/api/v1/messages/no-such-message", null, null, VIEWERS, 404, false),
            new Endpoint("GET", "/api/v1/dead-letters", null, null, VIEWERS, 200, false),
            new Endpoint("GET", "/api/v1/dead-letters/999999999", null, null, VIEWERS, 404, false),
            new Endpoint("POST", "/api/v1/dead-letters/999999999/replay", "application/json", "", OPERATORS, 404,
                    false),
            new Endpoint("POST", "/api/v1/dead-letters/999999999/discard", "application/json", "{\"reason\":\"x\"}",
                    OPERATORS, 404, false),
            new Endpoint("GET", "/api/v1/systems", null, null, VIEWERS, 200, false),
            new Endpoint("POST", "/api/v1/systems/no-such-system/pause", "application/json", "{\"reason\":\"x\"}",
                    OPERATORS, 422, false),
            new Endpoint("GET", "/api/v1/audit", null, null, VIEWERS, 200, false),
            new Endpoint("GET", "/actuator/prometheus", null, null, VIEWERS, 200, false),
            new Endpoint("GET", "/actuator/health", null, null, null, 200, false),
            new Endpoint("GET", "/console/", null, null, VIEWERS, 200, false));

    @Autowired
    AuthenticationFailures failures;

    Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Identity identity : IDENTITIES) {
            for (Endpoint endpoint : ENDPOINTS) {
                rows.add(Arguments.of(endpoint.method() + " " + endpoint.path(), identity, endpoint,
                        expected(endpoint, identity)));
            }
        }
        return rows.stream();
    }

    static int expected(Endpoint endpoint, Identity identity) {
        boolean refused = identity == WRONG_PASSWORD || identity == LOCKED || identity == WRONG_KEY;
        if (refused) {
            // Wrong credentials are refused even where none are needed.
            return 401;
        }
        if (endpoint.allowed() == null) {
            return endpoint.allowedStatus();
        }
        if (identity == NOBODY) {
            // A browser without a session is sent to the login page; an API client gets 401.
            return endpoint.browserPage() ? 302 : 401;
        }
        return endpoint.allowed().contains(identity) ? endpoint.allowedStatus() : 403;
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("matrix")
    void eachIdentityGetsWhatTheTableSays(String name, Identity identity, Endpoint endpoint, int expected)
            throws Exception {
        if (identity == LOCKED && !failures.isLocked(LOCKED.user())) {
            for (int i = 0; i < 5; i++) {
                assertThat(call(endpoint, new Identity("x", null, LOCKED.user(), "wrong-" + i)).statusCode())
                        .isEqualTo(401);
            }
            assertThat(failures.isLocked(LOCKED.user())).isTrue();
        }
        HttpResponse<String> answer = call(endpoint, identity);
        if (identity == WRONG_PASSWORD) {
            failures.unlock(WRONG_PASSWORD.user()); // one wrong password per row; the lockout has its own rows
        }
        assertThat(answer.statusCode()).as(name + " as " + identity + ": " + answer.body()).isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    @Test
    void failedAuthenticationsAreCountedByMethod() throws Exception {
        double before = counted("api-key");
        call(ENDPOINTS.get(0), WRONG_KEY);
        assertThat(counted("api-key")).isEqualTo(before + 1);
        double passwords = counted("password");
        call(ENDPOINTS.get(5), WRONG_PASSWORD);
        failures.unlock(WRONG_PASSWORD.user());
        assertThat(counted("password")).isEqualTo(passwords + 1);
    }

    @AfterAll
    void unlock() {
        failures.unlock(LOCKED.user());
        failures.unlock(WRONG_PASSWORD.user());
    }

    private static double counted(String method) throws Exception {
        String metrics = call(new Endpoint("GET", "/actuator/prometheus", null, null, null, 200, false), ADMIN)
                .body();
        return metrics.lines().filter(l -> l.startsWith("gateway_authentication_failures_total{")
                        && l.contains("method=\"" + method + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> call(Endpoint endpoint, Identity identity) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(endpoint.path())))
                .timeout(Duration.ofSeconds(30))
                .method(endpoint.method(), endpoint.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(endpoint.body(), StandardCharsets.UTF_8));
        if (endpoint.contentType() != null) {
            request.header("Content-Type", endpoint.contentType());
        }
        if (identity.apiKey() != null) {
            request.header("X-Api-Key", identity.apiKey());
        }
        if (identity.user() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (identity.user() + ":" + identity.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
