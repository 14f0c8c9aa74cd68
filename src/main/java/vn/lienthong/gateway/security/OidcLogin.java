package vn.lienthong.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Operators signing in with their agency account over OpenID Connect ({@link OidcProperties}): the provider is
 * asked for its endpoints only when someone first signs in that way (the gateway starts while the provider is
 * down, and never contacts one when none is configured); the provider's roles become the gateway's roles by the
 * configured mapping; an account with no mapped role, or a provider that cannot be reached, comes back to the
 * login page with a message saying so. Signing out also ends the provider's session, when it offers that.
 */
public final class OidcLogin {

    /** The login page's query parameter for an account the gateway gives no role. */
    public static final String REFUSED = "agency-refused";
    /** The login page's query parameter for a provider that failed or could not be reached. */
    public static final String FAILED = "agency-failed";
    /** Session attribute: {@link Refusal} of the last agency sign-in, shown once by the login page. */
    public static final String REFUSAL = OidcLogin.class.getName() + ".refusal";

    static final String NO_ROLE = "no_gateway_role";
    /** Spring Boot's name for a configuration file it read: the committed ones are the application files. */
    private static final Pattern COMMITTED_FILE = Pattern.compile(
            "^Config resource '(?:class path resource|file) \\[((?:[^\\]]*/)?application[^/\\]]*)]'");
    private static final String LOGIN_PAGE = "/console/login";
    private static final Logger log = LoggerFactory.getLogger(OidcLogin.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Why an agency sign-in came back to the login page.
     *
     * @param user  the account's name, or null when the provider did not say
     * @param roles the provider's role names found in the token (for an account with no mapped role)
     * @param error the provider's or the gateway's error code (for a failure)
     */
    public record Refusal(String user, List<String> roles, String error) implements java.io.Serializable {
    }

    private OidcLogin() {
    }

    /**
     * Settings that leave the agency sign-in unusable (an issuer without a client id or secret, a role mapped to no
     * gateway role, an issuer that is not a URL), checked at start-up in every mode without contacting the provider.
     */
    public static List<String> configurationProblems(Environment environment) {
        OidcProperties properties;
        try {
            properties = Binder.get(environment).bind("gateway.security.oidc", OidcProperties.class).orElse(null);
        } catch (BindException wrong) {
            Throwable cause = wrong.getCause() == null ? wrong : wrong.getCause();
            return List.of("gateway.security.oidc: " + wrong.getMessage() + ": " + cause.getMessage()
                    + " (role-mapping values are VIEWER, OPERATOR or ADMIN)");
        }
        if (properties == null || !properties.enabled()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!properties.issuerUri().startsWith("https://") && !properties.issuerUri().startsWith("http://")) {
            problems.add("gateway.security.oidc.issuer-uri '" + properties.issuerUri() + "' is not an http(s) URL;"
                    + " give the provider's issuer, e.g. https://sso.tinh.gov.vn/realms/lienthong");
        }
        if (properties.clientId() == null || properties.clientId().isBlank()) {
            problems.add("gateway.security.oidc.client-id is not set: the agency sign-in needs the gateway's client"
                    + " id at the provider");
        }
        if (properties.clientSecret() == null || properties.clientSecret().isBlank()) {
            problems.add("gateway.security.oidc.client-secret is not set: give the client secret from the"
                    + " environment (GATEWAY_OIDC_CLIENT_SECRET)");
        }
        return problems;
    }

    /**
     * Where the client secret is written as a literal in the committed configuration (an {@code application*}
     * file), or null when it is not set, comes from the environment, a command-line setting, a placeholder or an
     * external file (such as the operators file).
     */
    static String committedClientSecret(Environment environment) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of("gateway.security.oidc.client-secret");
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property == null) {
                continue;
            }
            String raw = String.valueOf(property.getValue());
            Object underlying = source.getUnderlyingSource();
            String file = underlying instanceof PropertySource<?> propertySource ? propertySource.getName() : "";
            Matcher config = COMMITTED_FILE.matcher(file);
            if (!raw.contains("${") && !raw.isBlank() && config.find()) {
                return config.group(1);
            }
            return null;   // the first source that has it is the one in force
        }
        return null;
    }

    /** Adds the agency sign-in to the console's security: the link, the callback, the roles and the sign-out. */
    static void configure(HttpSecurity http, OidcProperties properties) throws Exception {
        ClientRegistrationRepository registrations = new DiscoveredRegistration(properties);
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}" + LOGIN_PAGE + "?logout");
        logout.setDefaultTargetUrl(LOGIN_PAGE + "?logout");
        http
            .oauth2Login(login -> login
                .loginPage(LOGIN_PAGE)
                .clientRegistrationRepository(registrations)
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new AgencyOperators(properties)))
                .defaultSuccessUrl("/console/", false)
                .failureHandler(failureHandler()))
            .logout(out -> out.logoutSuccessHandler(logout))
            .addFilterBefore(new ProviderReachable(registrations), OAuth2AuthorizationRequestRedirectFilter.class);
    }

    /** Back to the login page with the reason kept in the session for it to show. */
    private static AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            Refusal refusal = refusal(exception);
            request.getSession().setAttribute(REFUSAL, refusal);
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?"
                    + (refusal.roles() != null ? REFUSED : FAILED));
        };
    }

    private static Refusal refusal(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof NoRole noRole) {
            log.warn("Agency sign-in refused: account '{}' has no gateway role (provider roles {})", noRole.user,
                    noRole.roles);
            return new Refusal(noRole.user, noRole.roles, NO_ROLE);
        }
        String error = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode() : exception.getClass().getSimpleName();
        log.warn("Agency sign-in failed: {}: {}", error, exception.getMessage());   // the provider's reason, in full
        return new Refusal(null, null, error);
    }

    /** The refusal of an account the provider knows but the gateway gives no role. */
    static final class NoRole extends OAuth2Error {
        private final String user;
        private final List<String> roles;

        NoRole(String user, List<String> roles) {
            super(NO_ROLE, "Account '" + user + "' has no role in the gateway; provider roles: " + roles, null);
            this.user = user;
            this.roles = roles;
        }
    }

    /** The agency's provider, discovered from its issuer on first use and kept once discovered. */
    static final class DiscoveredRegistration implements ClientRegistrationRepository {

        private final OidcProperties properties;
        private volatile ClientRegistration registration;

        DiscoveredRegistration(OidcProperties properties) {
            this.properties = properties;
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            if (!OidcProperties.REGISTRATION_ID.equals(registrationId)) {
                return null;
            }
            ClientRegistration known = registration;
            if (known == null) {
                synchronized (this) {
                    if (registration == null) {
                        registration = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                                .registrationId(OidcProperties.REGISTRATION_ID)
                                .clientName("Agency account")
                                .clientId(properties.clientId())
                                .clientSecret(properties.clientSecret())
                                .scope(properties.scopes())
                                .userNameAttributeName(properties.userNameClaim())
                                .build();
                        log.info("Agency sign-in: provider {} discovered", properties.issuerUri());
                    }
                    known = registration;
                }
            }
            return known;
        }
    }

    /**
     * Before the browser is sent to the provider: a provider that cannot be discovered (down, a wrong issuer)
     * sends the operator back to the login page with a message, instead of an error page.
     */
    static final class ProviderReachable extends OncePerRequestFilter {

        private final ClientRegistrationRepository registrations;

        ProviderReachable(ClientRegistrationRepository registrations) {
            this.registrations = registrations;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return !path.startsWith("/oauth2/authorization/") && !path.startsWith("/login/oauth2/code/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                registrations.findByRegistrationId(OidcProperties.REGISTRATION_ID);
            } catch (RuntimeException unreachable) {
                log.warn("Agency sign-in: the provider's configuration could not be read: {}",
                        unreachable.getMessage());
                request.getSession().setAttribute(REFUSAL, new Refusal(null, null, "provider_unreachable"));
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?" + FAILED);
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** The operator behind an agency account: its name and the gateway roles its provider roles map to. */
    static final class AgencyOperators implements OAuth2UserService<OidcUserRequest, OidcUser> {

        private final OidcProperties properties;
        private final OAuth2UserService<OidcUserRequest, OidcUser> provider;

        AgencyOperators(OidcProperties properties) {
            this(properties, new OidcUserService());
        }

        /** With {@code provider} reading the account from the ID token and the user info endpoint. */
        AgencyOperators(OidcProperties properties, OAuth2UserService<OidcUserRequest, OidcUser> provider) {
            this.properties = properties;
            this.provider = provider;
        }

        @Override
        public OidcUser loadUser(OidcUserRequest request) {
            OidcUser account = provider.loadUser(request);
            String nameClaim = account.getClaims().get(properties.userNameClaim()) != null
                    ? properties.userNameClaim() : "sub";
            String name = String.valueOf(account.getClaims().get(nameClaim));
            List<String> providerRoles = roles(account.getClaims());
            if (providerRoles == null) {
                // Keycloak puts realm_access in the access token only, unless its mapper adds it to the ID token.
                providerRoles = roles(accessTokenClaims(request.getAccessToken().getTokenValue()));
            }
            providerRoles = providerRoles == null ? List.of() : providerRoles;
            Set<OperatorProperties.Role> granted = EnumSet.noneOf(OperatorProperties.Role.class);
            for (String providerRole : providerRoles) {
                OperatorProperties.Role role = properties.roleFor(providerRole);
                if (role != null) {
                    granted.add(role);
                }
            }
            if (granted.isEmpty()) {
                NoRole error = new NoRole(name, providerRoles);
                throw new OAuth2AuthenticationException(error, error.getDescription());
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            granted.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
            log.info("Agency sign-in: '{}' as {}", name, granted);
            return new DefaultOidcUser(authorities, account.getIdToken(), account.getUserInfo(), nameClaim);
        }

        /** The role names at the configured claim path, or null when the claims do not have it. */
        List<String> roles(Map<String, Object> claims) {
            Object value = claims;
            for (String step : properties.rolesClaim().split("\\.")) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(step);
            }
            if (value instanceof Collection<?> names) {
                Set<String> roles = new LinkedHashSet<>();
                names.forEach(n -> roles.add(String.valueOf(n)));
                return List.copyOf(roles);
            }
            if (value instanceof String names) {
                return List.of(names.trim().split("[\\s,]+"));
            }
            return null;
        }

        /**
         * The claims of an access token that is a JWT. It came straight from the provider's token endpoint over the
         * client's own authenticated connection, as the ID token did, so it is read without checking its signature.
         */
        private static Map<String, Object> accessTokenClaims(String token) {
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                return Map.of();
            }
            try {
                return JSON.readValue(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8),
                        new TypeReference<Map<String, Object>>() { });
            } catch (IOException | IllegalArgumentException notJson) {
                return Map.of();
            }
        }
    }
}
