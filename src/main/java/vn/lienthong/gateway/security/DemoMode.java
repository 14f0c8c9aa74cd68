package vn.lienthong.gateway.security;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The one place that decides whether the gateway runs as the demo: exactly when the {@code demo} profile is in
 * effect, named or as the default profile ({@code spring.profiles.default: demo} in {@code config/application.yml}).
 * Everything that is not the demo is production, whatever its profile is called ({@code prod}, {@code staging}, …).
 */
public final class DemoMode {

    /** The profile that turns on the demo identities and the simulators (CONTRACT §2, §6). */
    public static final String PROFILE = "demo";

    private DemoMode() {
    }

    /** True when the demo profile is in effect; asks {@link Environment#acceptsProfiles}, which counts the default. */
    public static boolean isOn(Environment environment) {
        return environment.acceptsProfiles(Profiles.of(PROFILE));
    }
}
