package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.lienthong.gateway.TestDatabase;

/**
 * Issue 8 part 3: operators sign in with their agency account over OpenID Connect, against a real provider
 * (mock-oauth2-server, started here) and the real authorization-code flow over HTTP, as a browser does it: the
 * login page's link, the provider's authorize endpoint (which signs the test's user in without a form), the
 * gateway's callback, the session. The provider's roles (Keycloak's {@code realm_access.roles}) map to the
 * gateway's; an account with none of the mapped roles comes back to the login page with a message.
 */
// Not rerun on PostgreSQL (pom.xml, execution postgres): the sign-in flow and the role mapping; its audit entry
// is written by the same SQL the other tests run on PostgreSQL.
@Tag("database-independent")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OidcLoginE2ETest {

    private static final int PORT = freePort();
    private static final Path DATA_DIR = tempDir();
    private static final String ISSUER_ID = "agency-realm";
    private static final MockOAuth2Server PROVIDER = startProvider();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String SYSTEM = "dpi-business";
    private static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";

    @DynamicPropertySource
    static void agencySignIn(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("gateway.data-dir", DATA_DIR::toString);
        registry.add("gateway.security.oidc.issuer-uri", () -> PROVIDER.issuerUrl(ISSUER_ID).toString());
        registry.add("gateway.security.oidc.client-id", () -> "lienthong-gateway");
        registry.add("gateway.security.oidc.client-secret", () -> "test-client-secret");
        registry.add("gateway.security.oidc.roles-claim", () -> "realm_access.roles");
        registry.add("gateway.security.oidc.role-mapping.gw-viewer", () -> "VIEWER");
        registry.add("gateway.security.oidc.role-mapping.gw-operator", () -> "OPERATOR");
        registry.add("gateway.security.oidc.role-mapping.gw-admin", () -> "ADMIN");
        TestDatabase.register(registry);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Test
    void theLoginPageOffersTheAgencyAccountBesideTheFormInBothLanguages() {
        Browser browser = new Browser();
        Page vietnamese = browser.get("/console/login");
        assertThat(vietnamese.status()).isEqualTo(200);
        assertThat(vietnamese.body()).contains("id=\"login-form\"").contains("href=\"/oauth2/authorization/agency\"")
                .contains("Đăng nhập bằng tài khoản cơ quan");
        Page english = browser.get("/console/login?lang=en");
        assertThat(english.body()).contains("Sign in with agency account").contains("id=\"login-form\"");
    }

    @Test
    void anOperatorOfTheAgencySeesTheActionsPausesASystemAndIsNamedInTheAuditLog() throws IOException {
        Browser browser = new Browser();
        Page console = browser.signInWithAgency("tran.thi.binh", List.of("offline_access", "gw-operator"));
        assertThat(console.uri().getPath()).isEqualTo("/console/");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains("tran.thi.binh");

        Page systems = browser.get("/console/systems");
        assertThat(systems.body()).contains("/console/systems/" + SYSTEM + "/pause");
        Page paused = browser.post("/console/systems/" + SYSTEM + "/pause",
                "reason=" + URLEncoder.encode("bảo trì theo lịch", StandardCharsets.UTF_8) + "&_csrf="
                        + csrf(systems));
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body()).contains("/console/systems/" + SYSTEM + "/resume");

        JsonNode audit = JSON.readTree(browser.api("/api/v1/audit").body());
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.path("actor").asText()).isEqualTo("tran.thi.binh");
            assertThat(entry.path("target").asText()).isEqualTo("system/" + SYSTEM);
            assertThat(entry.path("action").asText()).isEqualTo("PAUSE");
        });
        browser.post("/console/systems/" + SYSTEM + "/resume", "_csrf=" + csrf(browser.get("/console/systems")));
    }

    @Test
    void aViewerOfTheAgencySeesNoActionAndMayNotAct() {
        Browser browser = new Browser();
        Page console = browser.signInWithAgency("le.van.cuong", List.of("gw-viewer"));
        assertThat(console.uri().getPath()).isEqualTo("/console/");
        assertThat(console.body()).contains("le.van.cuong");

        Page systems = browser.get("/console/systems");
        assertThat(systems.status()).isEqualTo(200);
        assertThat(systems.body()).contains(SYSTEM).doesNotContain("/pause").doesNotContain("/resume");
        Page refused = browser.post("/console/systems/" + SYSTEM + "/pause", "reason=x&_csrf=" + csrf(systems));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(browser.api("/api/v1/systems").body()).contains("\"paused\":false");
    }

    @Test
    void theOperatorSeesADossiersPayloadAndTheViewerDoesNot() throws IOException {
        ObjectNode dossier = (ObjectNode) JSON.readTree(
                Path.of("src/test/resources/samples/dossiers/business-single.json").toFile());
        dossier.put("dossierCode", "OIDC-" + System.currentTimeMillis());
        Page accepted = new Browser().postJson("/api/v1/dossiers", "demo-one-stop-key", dossier.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String message = "/console/messages/" + JSON.readTree(accepted.body()).path("messageId").asText();

        Browser operator = new Browser();
        operator.signInWithAgency("vo.thi.giang", List.of("gw-operator"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(operator.get(message).body()).contains("class=\"payload\"").contains("075190001234"));

        Browser viewer = new Browser();
        viewer.signInWithAgency("dang.van.hai", List.of("gw-viewer"));
        Page hidden = viewer.get(message);
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.body()).contains("hidden-payload").doesNotContain("class=\"payload\"")
                .doesNotContain("075190001234");
    }

    @Test
    void anAccountWithNoMappedRoleIsRefusedWithAReadablePageAndNoSession() {
        Browser browser = new Browser();
        Page refused = browser.signInWithAgency("pham.thi.dung", List.of("offline_access", "uma_authorization"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.uri().getPath()).isEqualTo("/console/login");
        assertThat(refused.body()).contains("id=\"agency-refused\"").contains("pham.thi.dung")
                .contains("chưa được cấp vai trò").contains("offline_access, uma_authorization");
        Page stillOut = browser.get("/console/");
        assertThat(stillOut.uri().getPath()).isEqualTo("/console/login");
        assertThat(browser.api("/api/v1/audit").status()).isEqualTo(401);

        Browser english = new Browser();
        english.get("/console/login?lang=en");
        Page inEnglish = english.signInWithAgency("pham.thi.dung", List.of());
        assertThat(inEnglish.body()).contains("has no role in the gateway").contains("none");
    }

    @Test
    void signingOutEndsTheGatewaySessionAndReturnsToTheLoginPage() {
        Browser browser = new Browser();
        Page console = browser.signInWithAgency("hoang.van.em", List.of("gw-admin"));
        assertThat(console.uri().getPath()).isEqualTo("/console/");
        Page out = browser.post("/logout", "_csrf=" + csrf(console));
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.visited()).as("the provider's session is ended too (RP-initiated logout)")
                .anySatisfy(uri -> assertThat(uri.toString()).startsWith(PROVIDER.issuerUrl(ISSUER_ID).toString()));
        assertThat(out.uri().getPath()).isEqualTo("/console/login");
        assertThat(out.body()).contains("id=\"logged-out\"");
        assertThat(browser.get("/console/").uri().getPath()).isEqualTo("/console/login");
    }

    @Test
    void systemsKeepTheirApiKeysAndOperatorsTheirPasswords() {
        Browser nobody = new Browser();
        assertThat(nobody.postJson("/api/v1/dossiers", null, "{}").status()).isEqualTo(401);
        Page passed = nobody.postJson("/api/v1/dossiers", "demo-one-stop-key", "{}");
        assertThat(passed.status()).isEqualTo(400);
        assertThat(passed.body()).contains("VALIDATION_FAILED");

        Browser form = new Browser();
        Page login = form.get("/console/login");
        Page console = form.post("/console/login", "username=operator&password=operator-demo&_csrf=" + csrf(login));
        assertThat(console.uri().getPath()).isEqualTo("/console/");
        assertThat(console.body()).contains("operator");
    }

    /** One HTTP answer at the end of its redirects, and the addresses the redirects went through. */
    record Page(int status, URI uri, String body, List<URI> visited) {
    }

    /** A browser as far as the flow needs: it keeps cookies per host and follows redirects. */
    private static final class Browser {

        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();

        /** The provider signs this account in with these realm roles; the browser follows the login page's link. */
        Page signInWithAgency(String user, List<String> realmRoles) {
            PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + user, "JWT", null,
                    Map.of("preferred_username", user, "realm_access", Map.of("roles", realmRoles)), 3600L));
            Page login = get("/console/login");
            Matcher link = Pattern.compile("id=\"agency-sign-in\" href=\"([^\"]+)\"").matcher(login.body());
            assertThat(link.find()).as("the login page links to the agency sign-in").isTrue();
            return get(link.group(1));
        }

        /** A page, asked for as a browser does (so a request without a session is sent to the login page). */
        Page get(String path) {
            return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", HTML).GET());
        }

        /** An API answer, asked for as a script does. */
        Page api(String path) {
            return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json").GET());
        }

        Page post(String path, String form) {
            return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", HTML)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        Page postJson(String path, String apiKey, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            if (apiKey != null) {
                request.header("X-Api-Key", apiKey);
            }
            return send(request);
        }

        private Page send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                List<URI> visited = new ArrayList<>();
                for (Optional<HttpResponse<String>> hop = Optional.of(response); hop.isPresent();
                     hop = hop.get().previousResponse()) {
                    visited.add(0, hop.get().uri());
                }
                return new Page(response.statusCode(), response.uri(), response.body(), visited);
            } catch (IOException e) {
                throw new AssertionError("request failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String csrf(Page page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a form with a CSRF token on " + page.uri()).isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }

    private static String url(String path) {
        return path.startsWith("http") ? path : "http://127.0.0.1:" + PORT + path;
    }

    private static MockOAuth2Server startProvider() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("gateway-oidc-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
