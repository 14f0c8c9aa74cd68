package vn.lienthong.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import vn.lienthong.gateway.catalog.ConnectedSystem;

/**
 * Outside the demo the gateway is production ({@link DemoMode}), and it must not start while any demo secret is
 * configured: a system's committed {@code demo-*} API key, an operator password that is not a bcrypt hash (or is
 * the hash of its demo password), the demo signing key, a default key-store password, the demo axis secret or an
 * agency sign-in client secret written in the committed configuration.
 * The start-up check ({@code startup.StartupChecks}) asks for these problems and lists them with the others.
 */
public final class ProductionSafety {

    /** Passwords that key-store tools and tutorials suggest; a key store protected by one is not protected. */
    private static final Set<String> DEFAULT_PASSWORDS = Set.of("", "changeit", "changeme", "password", "secret",
            "123456", "demo-signing-password");

    private static final String DEMO_PREFIX = "demo-";

    private ProductionSafety() {
    }

    /** Every demo secret configured, one line each, naming where it is set and what to do instead. */
    public static List<String> problems(Environment environment, Collection<ConnectedSystem> systems) {
        List<String> problems = new ArrayList<>();
        for (ConnectedSystem system : systems) {
            if (system.apiKeys().demoKey().isPresent()) {
                problems.add(system.source() + ": apiKey is the committed demo key '" + system.apiKeys().demoKey().get()
                        + "'; give this system its own key from the environment, e.g. apiKey: ${"
                        + system.id().toUpperCase(Locale.ROOT).replace('-', '_') + "_KEY}");
            }
        }
        List<OperatorProperties.User> users;
        try {
            users = Binder.get(environment).bind("gateway.security", OperatorProperties.class)
                    .map(OperatorProperties::users).orElse(List.of());
        } catch (BindException unresolved) {
            users = List.of(); // a setting naming an unset variable is reported by the start-up check itself
        }
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        for (int i = 0; i < users.size(); i++) {
            OperatorProperties.User user = users.get(i);
            String where = "gateway.security.users[" + i + "] (operator '" + user.username() + "')";
            String password = user.password() == null ? "" : user.password();
            if (!password.startsWith("{bcrypt}")) {
                problems.add(where + ": the password must be a {bcrypt} hash, never {noop} or plain text");
            } else if (bcrypt.matches(user.username() + "-demo", password.substring("{bcrypt}".length()))) {
                problems.add(where + ": the password is the demo password '" + user.username() + "-demo'");
            }
        }
        String literalSecret = OidcLogin.committedClientSecret(environment);
        if (literalSecret != null) {
            problems.add("gateway.security.oidc.client-secret is written in " + literalSecret + "; give the agency"
                    + " sign-in's client secret from the environment (client-secret: ${GATEWAY_OIDC_CLIENT_SECRET})"
                    + " or an external file");
        }
        if (!"false".equals(setting(environment, "gateway.axis.enabled"))) {
            if ("true".equals(setting(environment, "gateway.axis.signing.demo-keys"))) {
                problems.add("gateway.axis.signing.demo-keys is true: the demo signing key and CA are for the demo;"
                        + " configure the agency's own key store (GATEWAY_SIGNING_KEY_STORE)");
            }
            String keyStorePassword = setting(environment, "gateway.axis.signing.password");
            if (keyStorePassword != null && DEFAULT_PASSWORDS.contains(keyStorePassword)) {
                problems.add("gateway.axis.signing.password is a default password ('" + keyStorePassword
                        + "'); protect the signing key store with a secret of its own (GATEWAY_SIGNING_KEY_PASSWORD)");
            }
            String axisSecret = setting(environment, "gateway.axis.secret");
            if (axisSecret != null && axisSecret.startsWith(DEMO_PREFIX)) {
                problems.add("gateway.axis.secret is the demo secret of the axis simulator; set the secret the"
                        + " national document axis gave this agency (NATIONAL_AXIS_SECRET)");
            }
        }
        return problems;
    }

    /** A setting as configured, or null when it names an environment variable that is not set (reported apart). */
    private static String setting(Environment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException unresolved) {
            return null;
        }
    }
}
