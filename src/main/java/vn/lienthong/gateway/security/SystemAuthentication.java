package vn.lienthong.gateway.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated connected system; authorities are {@code SYSTEM} and {@code SYSTEM_<KIND>}. */
public class SystemAuthentication extends AbstractAuthenticationToken {

    private final SystemPrincipal principal;

    public SystemAuthentication(SystemPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority("SYSTEM"),
                new SimpleGrantedAuthority("SYSTEM_" + principal.system().kind().name())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public SystemPrincipal getPrincipal() {
        return principal;
    }
}
