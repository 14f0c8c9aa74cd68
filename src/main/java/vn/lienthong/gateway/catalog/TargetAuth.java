package vn.lienthong.gateway.catalog;

import java.util.Locale;
import java.util.Map;

/**
 * The credentials the gateway presents to a connected system when it delivers to it ({@code auth:} in the
 * system's file). Secrets are resolved from the environment (or a mounted file through Spring's
 * {@code configtree:}) when the file is read; {@link #toString()} never prints them.
 *
 * @param type     how the gateway proves who it is
 * @param settings the type's settings as written in {@code auth:} (after placeholders are resolved)
 */
public record TargetAuth(Type type, Map<String, String> settings) {

    /** No credentials: the default. */
    public static final TargetAuth NONE = new TargetAuth(Type.NONE, Map.of());

    /** The kinds of credentials, each with its required and optional keys and the keys holding secrets. */
    public enum Type {
        NONE(Map.of()),
        BASIC(Map.of("username", Key.REQUIRED, "password", Key.SECRET)),
        BEARER(Map.of("token", Key.SECRET)),
        OAUTH2(Map.of("tokenUrl", Key.REQUIRED, "clientId", Key.REQUIRED, "clientSecret", Key.SECRET,
                "scope", Key.OPTIONAL)),
        API_KEY(Map.of("header", Key.REQUIRED, "value", Key.SECRET)),
        CLIENT_CERTIFICATE(Map.of("keyStore", Key.REQUIRED, "keyStorePassword", Key.SECRET,
                "trustStore", Key.OPTIONAL, "trustStorePassword", Key.OPTIONAL_SECRET)),
        WS_SECURITY(Map.of("username", Key.REQUIRED, "password", Key.SECRET, "passwordType", Key.OPTIONAL)),
        SSH_KEY(Map.of("username", Key.REQUIRED, "privateKey", Key.REQUIRED, "passphrase", Key.OPTIONAL_SECRET));

        private final Map<String, Key> keys;

        Type(Map<String, Key> keys) {
            this.keys = keys;
        }

        /** The keys this type takes besides {@code type}, and what each is. */
        public Map<String, Key> keys() {
            return keys;
        }

        /** The spelling in config files: {@code client-certificate}, {@code ws-security}, … */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a key of {@code auth:} is. */
    public enum Key {
        REQUIRED, OPTIONAL, SECRET, OPTIONAL_SECRET;

        public boolean required() {
            return this == REQUIRED || this == SECRET;
        }

        public boolean secret() {
            return this == SECRET || this == OPTIONAL_SECRET;
        }
    }

    public TargetAuth {
        settings = Map.copyOf(settings);
    }

    /** A setting, or null when it is not given. */
    public String get(String key) {
        return settings.get(key);
    }

    @Override
    public String toString() {
        return "TargetAuth[" + type.configName() + "]";
    }
}
