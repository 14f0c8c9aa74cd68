package vn.lienthong.gateway.console;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** What the signed-in operator may do in the console, by the roles of CONTRACT §2 and their hierarchy. */
@Component
public class ConsoleRoles {

    private final RoleHierarchy hierarchy;

    public ConsoleRoles(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** OPERATOR and ADMIN act (replay, discard, pause, resume) and see payloads and personal data in full. */
    public boolean canAct(Authentication who) {
        return who != null && who.isAuthenticated() && hierarchy.getReachableGrantedAuthorities(who.getAuthorities())
                .stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority()));
    }
}
