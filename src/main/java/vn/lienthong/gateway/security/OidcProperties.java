package vn.lienthong.gateway.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Optional OpenID Connect login of operators with an agency's account (its Keycloak, đăng nhập bằng tài khoản cơ
 * quan). Off unless {@code issuer-uri} is set; then the console's login page offers it beside the form.
 *
 * @param issuerUri     the provider's issuer, e.g. {@code https://sso.tinh.gov.vn/realms/lienthong}; unset = off
 * @param clientId      the gateway's client id at the provider
 * @param clientSecret  the gateway's client secret; from the environment or an external file, never committed
 * @param scopes        scopes asked for (default {@code openid, profile})
 * @param rolesClaim    the claim holding the provider's role names, a dotted path into nested claims (default
 *                      {@code roles}; Keycloak's realm roles: {@code realm_access.roles}, its client roles:
 *                      {@code resource_access.<client>.roles})
 * @param userNameClaim the claim naming the operator in the console and the audit log (default
 *                      {@code preferred_username}; {@code sub} when the token has no such claim)
 * @param roleMapping   provider role name → gateway role; empty = provider roles named VIEWER, OPERATOR or ADMIN
 *                      (any case) count as themselves
 */
@ConfigurationProperties("gateway.security.oidc")
public record OidcProperties(String issuerUri, String clientId, String clientSecret, List<String> scopes,
                             String rolesClaim, String userNameClaim,
                             Map<String, OperatorProperties.Role> roleMapping) {

    /** The registration id: the login link is {@code /oauth2/authorization/agency}. */
    public static final String REGISTRATION_ID = "agency";

    public OidcProperties {
        issuerUri = blankToNull(issuerUri);
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
        rolesClaim = blankToNull(rolesClaim) == null ? "roles" : rolesClaim.trim();
        userNameClaim = blankToNull(userNameClaim) == null ? "preferred_username" : userNameClaim.trim();
        Map<String, OperatorProperties.Role> mapping = new LinkedHashMap<>();
        if (roleMapping == null || roleMapping.isEmpty()) {
            for (OperatorProperties.Role role : OperatorProperties.Role.values()) {
                mapping.put(role.name().toLowerCase(Locale.ROOT), role);
            }
        } else {
            roleMapping.forEach((name, role) -> mapping.put(name.toLowerCase(Locale.ROOT), role));
        }
        roleMapping = Map.copyOf(mapping);
    }

    /** True when operators may sign in with the agency's accounts. */
    public boolean enabled() {
        return issuerUri != null;
    }

    /** The gateway role a provider role name maps to, compared without regard to case; null when none. */
    public OperatorProperties.Role roleFor(String providerRole) {
        return providerRole == null ? null : roleMapping.get(providerRole.toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
