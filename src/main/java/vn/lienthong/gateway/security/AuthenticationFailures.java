package vn.lienthong.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Every failed authentication, logged as one line (who was claimed, from where, why; never the key or password)
 * and counted in {@code gateway_authentication_failures_total{method}}; and the operator lockout: after
 * {@code gateway.security.lockout.attempts} failed logins in a row an account is locked for
 * {@code gateway.security.lockout.duration}, whatever password is presented.
 */
@Component
public class AuthenticationFailures {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFailures.class);

    private final MeterRegistry registry;
    private final LockoutProperties lockout;
    private final Clock clock;
    private final java.util.Set<String> operators;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    private record Attempts(int failures, Instant lockedUntil) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    public AuthenticationFailures(MeterRegistry registry, LockoutProperties lockout, OperatorProperties operators) {
        this(registry, lockout, operators, Clock.systemUTC());
    }

    AuthenticationFailures(MeterRegistry registry, LockoutProperties lockout, OperatorProperties operators,
                           Clock clock) {
        this.registry = registry;
        this.lockout = lockout;
        // Only configured accounts are tracked, so guessing names cannot fill the memory.
        this.operators = operators.users().stream().map(OperatorProperties.User::username)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** A connected system's key or certificate was not recognised. */
    public void system(String method, String remoteAddress, String path, String reason) {
        counter(method).increment();
        LOG.warn("authentication failed: method={} from={} path={} reason={}", method, remoteAddress, path, reason);
    }

    /**
     * Counts and logs an operator's failed login (HTTP Basic or form), and locks the account when it is due; a
     * refused agency sign-in counts as {@code oidc}.
     */
    @EventListener
    public void operatorFailed(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
            // An agency sign-in (OpenID Connect) the provider or the role mapping refused; no password, no lockout.
            counter("oidc").increment();
            LOG.warn("authentication failed: method=oidc reason={}", event.getException() instanceof
                    OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                    : event.getException().getClass().getSimpleName());
            return;
        }
        String username = String.valueOf(event.getAuthentication().getName());
        counter("password").increment();
        if (!operators.contains(username)) {
            LOG.warn("authentication failed: method=password user={} reason=unknown operator", printable(username));
            return;
        }
        Attempts now = attempts.merge(username, new Attempts(1, null), (old, one) -> {
            int failures = old.failures() + 1;
            Instant until = failures >= lockout.attempts() ? clock.instant().plus(lockout.duration())
                    : old.lockedUntil();
            return new Attempts(failures, until);
        });
        LOG.warn("authentication failed: method=password user={} reason={} failures-in-a-row={}{}", printable(username),
                event.getException().getClass().getSimpleName(), now.failures(),
                now.lockedUntil() == null ? "" : " locked-until=" + now.lockedUntil());
    }

    /** A successful login ends the run of failures (a locked account cannot log in, so it stays locked). */
    @EventListener
    public void operatorSucceeded(AuthenticationSuccessEvent event) {
        // Only a password ends a password's run of failures: an agency account of the same name does not.
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
            attempts.remove(event.getAuthentication().getName());
        }
    }

    /** Whether {@code username} is locked now. */
    public boolean isLocked(String username) {
        Attempts a = attempts.get(username);
        if (a == null || a.lockedUntil() == null) {
            return false;
        }
        if (clock.instant().isAfter(a.lockedUntil())) {
            attempts.remove(username);
            return false;
        }
        return true;
    }

    /** Ends a lockout and the run of failures of {@code username} (an administrator's decision). */
    public void unlock(String username) {
        attempts.remove(username);
    }

    private Counter counter(String method) {
        return Counter.builder("gateway.authentication.failures")
                .description("Failed authentications of systems (api-key, certificate) and operators (password)")
                .tag("method", method).register(registry);
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
