package vn.lienthong.gateway.security;

import vn.lienthong.gateway.catalog.ConnectedSystem;

/** The identity of a connected system that presented a valid API key. */
public record SystemPrincipal(ConnectedSystem system) implements java.security.Principal {

    @Override
    public String getName() {
        return system.id();
    }
}
