package vn.lienthong.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator lockout after repeated failed logins.
 *
 * @param attempts failed logins in a row that lock an operator account (default 5)
 * @param duration how long a locked account stays locked (default 15 minutes)
 */
@ConfigurationProperties("gateway.security.lockout")
public record LockoutProperties(Integer attempts, Duration duration) {

    public LockoutProperties {
        attempts = attempts == null ? 5 : attempts;
        duration = duration == null ? Duration.ofMinutes(15) : duration;
    }
}
