package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The agency sign-in's settings: checked at start-up without contacting the provider, the client secret never
 * written in the committed configuration outside the demo, and the provider's roles read where Keycloak puts them.
 */
class OidcLoginTest {

    private static final String SECRET = "gateway.security.oidc.client-secret";

    @Test
    void noIssuerMeansNoAgencySignInAndNothingToCheck() {
        MockEnvironment environment = new MockEnvironment();
        assertThat(OidcLogin.configurationProblems(environment)).isEmpty();
        assertThat(new OidcProperties(null, null, null, null, null, null, null).enabled()).isFalse();
        assertThat(new OidcProperties(" ", null, null, null, null, null, null).enabled()).isFalse();
    }

    @Test
    void anIssuerWithoutClientOrWithAnUnknownRoleIsNamedAtStartUp() {
        MockEnvironment incomplete = new MockEnvironment()
                .withProperty("gateway.security.oidc.issuer-uri", "sso.tinh.gov.vn/realms/lienthong");
        assertThat(OidcLogin.configurationProblems(incomplete))
                .anySatisfy(p -> assertThat(p).contains("issuer-uri", "not an http(s) URL"))
                .anySatisfy(p -> assertThat(p).contains("client-id is not set"))
                .anySatisfy(p -> assertThat(p).contains("client-secret is not set", "GATEWAY_OIDC_CLIENT_SECRET"))
                .hasSize(3);

        MockEnvironment wrongRole = complete().withProperty("gateway.security.oidc.role-mapping.gw-boss", "SUPERUSER");
        assertThat(OidcLogin.configurationProblems(wrongRole)).singleElement()
                .satisfies(p -> assertThat(p).contains("role-mapping", "VIEWER, OPERATOR or ADMIN"));

        assertThat(OidcLogin.configurationProblems(complete())).isEmpty();
    }

    @Test
    void aClientSecretWrittenInTheCommittedConfigurationStopsProductionButNotOneFromTheEnvironment() {
        MockEnvironment committed = production();
        committed.getPropertySources().addFirst(configFile("config/application.yml", "s3cr3t-in-git"));
        assertThat(OidcLogin.committedClientSecret(committed)).isEqualTo("config/application.yml");
        assertThat(ProductionSafety.problems(committed, List.of()))
                .anySatisfy(p -> assertThat(p).contains("client-secret is written in config/application.yml",
                        "${GATEWAY_OIDC_CLIENT_SECRET}"));

        MockEnvironment placeholder = production();
        placeholder.getPropertySources().addFirst(configFile("config/application.yml",
                "${GATEWAY_OIDC_CLIENT_SECRET}"));
        assertThat(OidcLogin.committedClientSecret(placeholder)).isNull();

        MockEnvironment external = production();
        external.getPropertySources().addFirst(configFile("/etc/gateway/operators.yml", "s3cr3t-outside-git"));
        assertThat(OidcLogin.committedClientSecret(external)).isNull();

        MockEnvironment fromEnvironment = production();
        fromEnvironment.getPropertySources().addLast(configFile("config/application.yml", "s3cr3t-in-git"));
        fromEnvironment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("GATEWAY_SECURITY_OIDC_CLIENT_SECRET", "from-the-environment")));
        assertThat(OidcLogin.committedClientSecret(fromEnvironment)).as("the environment's value is in force")
                .isNull();
    }

    @Test
    void theProviderRolesAreReadAtADottedPathAndMappedWithoutRegardToCase() {
        OidcProperties keycloak = new OidcProperties("https://sso.example/realms/x", "gw", "s", null,
                "realm_access.roles", null, Map.of("Gateway-Operator", OperatorProperties.Role.OPERATOR));
        OidcLogin.AgencyOperators operators = new OidcLogin.AgencyOperators(keycloak);
        assertThat(operators.roles(Map.of("realm_access", Map.of("roles", List.of("offline_access",
                "gateway-operator"))))).containsExactly("offline_access", "gateway-operator");
        assertThat(operators.roles(Map.of("roles", List.of("x")))).as("not at the configured path").isNull();
        assertThat(keycloak.roleFor("GATEWAY-OPERATOR")).isEqualTo(OperatorProperties.Role.OPERATOR);
        assertThat(keycloak.roleFor("offline_access")).isNull();

        OidcProperties plain = new OidcProperties("https://sso.example", "gw", "s", null, null, null, null);
        assertThat(plain.rolesClaim()).isEqualTo("roles");
        assertThat(plain.userNameClaim()).isEqualTo("preferred_username");
        assertThat(new OidcLogin.AgencyOperators(plain).roles(Map.of("roles", "viewer operator")))
                .containsExactly("viewer", "operator");
        assertThat(plain.roleFor("admin")).as("without a mapping the gateway's own role names count")
                .isEqualTo(OperatorProperties.Role.ADMIN);
    }

    @Test
    void aProviderThatCannotBeReachedSendsTheOperatorBackToTheLoginPageWithAReason() throws Exception {
        OidcLogin.ProviderReachable filter = new OidcLogin.ProviderReachable(id -> {
            throw new IllegalArgumentException("Unable to resolve the Configuration with the provided Issuer");
        });
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorization/agency");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(response.getRedirectedUrl()).isEqualTo("/console/login?" + OidcLogin.FAILED);
        assertThat(request.getSession().getAttribute(OidcLogin.REFUSAL))
                .isEqualTo(new OidcLogin.Refusal(null, null, "provider_unreachable"));
        assertThat(chain.getRequest()).as("the browser is not sent on to the provider").isNull();

        MockFilterChain elsewhere = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/console/"), new MockHttpServletResponse(), elsewhere);
        assertThat(elsewhere.getRequest()).as("other paths never ask the provider").isNotNull();
    }

    @Test
    void keycloaksRealmRolesAreFoundInTheAccessTokenWhenTheIdTokenLacksThem() {
        OidcProperties keycloak = new OidcProperties("https://sso.example/realms/x", "gw", "s", null,
                "realm_access.roles", null, Map.of("gateway-operator", OperatorProperties.Role.OPERATOR));
        Instant now = Instant.now();
        OidcIdToken idToken = new OidcIdToken("id-token", now, now.plusSeconds(300),
                Map.of("sub", "f81d4fae", "preferred_username", "nguyen.van.an", "iss", "https://sso.example/realms/x"));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"realm_access\":{\"roles\":[\"offline_access\",\"gateway-operator\"]}}"
                        .getBytes(StandardCharsets.UTF_8));
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2lnbmF0dXJl", now, now.plusSeconds(300));
        ClientRegistration registration = ClientRegistration.withRegistrationId(OidcProperties.REGISTRATION_ID)
                .clientId("gw").clientSecret("s").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid")
                .authorizationUri("https://sso.example/auth").tokenUri("https://sso.example/token")
                .jwkSetUri("https://sso.example/certs").build();
        OidcLogin.AgencyOperators operators = new OidcLogin.AgencyOperators(keycloak,
                request -> new DefaultOidcUser(List.of(), request.getIdToken()));

        OidcUser user = operators.loadUser(new OidcUserRequest(registration, accessToken, idToken));
        assertThat(user.getName()).isEqualTo("nguyen.van.an");
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");

        OAuth2AccessToken opaque = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque-token", now,
                now.plusSeconds(300));
        assertThatThrownBy(() -> operators.loadUser(new OidcUserRequest(registration, opaque, idToken)))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .satisfies(e -> assertThat(((OAuth2AuthenticationException) e).getError().getErrorCode())
                        .isEqualTo("no_gateway_role"))
                .hasMessageContaining("nguyen.van.an");
    }

    private static MockEnvironment complete() {
        return new MockEnvironment()
                .withProperty("gateway.security.oidc.issuer-uri", "https://sso.tinh.gov.vn/realms/lienthong")
                .withProperty("gateway.security.oidc.client-id", "lienthong-gateway")
                .withProperty(SECRET, "from-the-environment");
    }

    private static MockEnvironment production() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        return environment;
    }

    /** A configuration file as Spring Boot names it when it reads one. */
    private static OriginTrackedMapPropertySource configFile(String file, String secret) {
        return new OriginTrackedMapPropertySource("Config resource 'file [" + file + "]' via location 'optional:file:./config/'",
                Map.of("gateway.security.oidc.issuer-uri", "https://sso.tinh.gov.vn/realms/lienthong",
                        "gateway.security.oidc.client-id", "lienthong-gateway", SECRET, secret));
    }
}
