package vn.lienthong.gateway.catalog;

import java.util.EnumSet;
import java.util.Set;

import vn.lienthong.gateway.catalog.TargetAuth.Type;

/**
 * The protocol a connected system speaks (CONTRACT §8 {@code protocol:}): which credentials can travel over it, and
 * the connector a system file gets when it names none ({@code connector:}, a kamelet in {@code routes/kamelets/}).
 */
public enum Protocol {
    REST(EnumSet.of(Type.NONE, Type.BASIC, Type.BEARER, Type.OAUTH2, Type.API_KEY, Type.CLIENT_CERTIFICATE)),
    SOAP(EnumSet.of(Type.NONE, Type.BASIC, Type.BEARER, Type.OAUTH2, Type.API_KEY, Type.CLIENT_CERTIFICATE,
            Type.WS_SECURITY)),
    FILE(EnumSet.of(Type.NONE)),
    // Basic: the user and password of an agency's own broker (connector jms-broker).
    JMS(EnumSet.of(Type.NONE, Type.BASIC)),
    SFTP(EnumSet.of(Type.BASIC, Type.SSH_KEY));

    private final Set<Type> credentials;

    Protocol(Set<Type> credentials) {
        this.credentials = credentials;
    }

    /** Whether credentials of this type can be presented over this protocol. */
    public boolean accepts(Type type) {
        return credentials.contains(type);
    }

    /** The spelling used in config files and kamelet names. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
