package vn.lienthong.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator accounts for the API and console.
 *
 * @param users the accounts; in prod their passwords must be {@code {bcrypt}} hashes from an external file
 */
@ConfigurationProperties("gateway.security")
public record OperatorProperties(List<User> users) {

    public OperatorProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * @param username login name
     * @param password encoded password with its id prefix ({@code {bcrypt}…}; {@code {noop}} only in demo)
     * @param role     VIEWER, OPERATOR or ADMIN
     */
    public record User(String username, String password, Role role) {
    }

    /** Operator roles, each including the rights of the ones before it. */
    public enum Role { VIEWER, OPERATOR, ADMIN }
}
