package vn.lienthong.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.error.ErrorCode;

/**
 * The access rules of CONTRACT §2–3: systems by API key, operators by role (signed in with the form, HTTP Basic or,
 * when configured, their agency account over OpenID Connect), health and simulators open.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Catalog catalog, ObjectMapper mapper,
                                            Environment environment, AuthenticationFailures failures,
                                            OidcProperties oidc) throws Exception {
        ProblemWriter problems = new ProblemWriter(mapper);
        boolean demo = DemoMode.isOn(environment);
        http
            .csrf(csrf -> {
                csrf.ignoringRequestMatchers(new AntPathRequestMatcher("/api/**"),
                        new AntPathRequestMatcher("/services/**"));
                if (demo) {
                    csrf.ignoringRequestMatchers(new AntPathRequestMatcher("/sim/**"));
                }
            })
            .addFilterBefore(new ApiKeyAuthenticationFilter(catalog, problems, failures), BasicAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> {
                // The error page renders problems of requests that were already checked.
                auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                auth.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
                // The console's login page (with ?error, ?logout, ?expired) and its stylesheet; WebJars are public.
                auth.requestMatchers("/console/login", "/console/assets/**", "/webjars/**").permitAll();
                if (demo) {
                    auth.requestMatchers("/sim/**").permitAll();
                }
                auth.requestMatchers(HttpMethod.POST, "/api/v1/dossiers").hasAuthority("SYSTEM_ONE_STOP")
                    .requestMatchers(HttpMethod.POST, "/api/v1/dossiers/*/status").hasAuthority("SYSTEM_DEPARTMENT")
                    .requestMatchers(HttpMethod.POST, "/api/v1/documents").hasAuthority("SYSTEM_DOCUMENT_OFFICE")
                    // The document office's statuses on received documents: /api/v1/documents/{documentId}/status.
                    .requestMatchers(HttpMethod.POST, "/api/v1/documents/**").hasAuthority("SYSTEM_DOCUMENT_OFFICE")
                    // Large received packages, fetched by the document office from the link in its message.
                    .requestMatchers(HttpMethod.GET, "/api/v1/packages/*").hasAuthority("SYSTEM_DOCUMENT_OFFICE")
                    .requestMatchers("/services/**").hasAuthority("SYSTEM")
                    .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**").hasRole("VIEWER")
                    .requestMatchers("/console/**").hasRole("VIEWER")
                    .requestMatchers("/api/v1/dead-letters/**", "/api/v1/systems/**").hasRole("OPERATOR")
                    .anyRequest().hasRole("ADMIN");
            })
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                response.setHeader("WWW-Authenticate", "Basic realm=\"lienthong-gateway\"");
                if (request.getAttribute(ApiKeyAuthenticationFilter.UNKNOWN_CERTIFICATE) instanceof String fingerprint) {
                    failures.system("certificate", request.getRemoteAddr(), request.getRequestURI(),
                            "the client certificate " + fingerprint + " matches no connected system");
                    problems.write(response, ErrorCode.UNAUTHENTICATED, "The client certificate (SHA-256 "
                            + fingerprint + ") matches no connected system's clientCertificateSha256;"
                            + " present X-Api-Key (connected systems) or operator credentials");
                    return;
                }
                problems.write(response, ErrorCode.UNAUTHENTICATED,
                        "Present X-Api-Key (connected systems) or operator credentials");
            }))
            .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                    problems.write(response, ErrorCode.FORBIDDEN, "This identity may not "
                            + request.getMethod() + " " + request.getRequestURI())))
            // The console's own bilingual login page; signing out (POST /logout) returns to it.
            .formLogin(form -> form.loginPage("/console/login").defaultSuccessUrl("/console/", false));
        if (oidc.enabled()) {
            // Operators may also sign in with their agency account (gateway.security.oidc); systems are untouched.
            OidcLogin.configure(http, oidc);
        }
        if (!demo) {
            // The simulators exist only in the demo; anywhere else /sim is not there at all (404), for every method.
            http.addFilterBefore(new SimulatorsAbsentFilter(problems), DisableEncodeUrlFilter.class);
        }
        return http.build();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Operator accounts; outside the demo {@link ProductionSafety} has already refused any that is not bcrypt. */
    @Bean
    UserDetailsService operators(OperatorProperties properties, AuthenticationFailures failures) {
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        for (OperatorProperties.User user : properties.users()) {
            manager.createUser(User.withUsername(user.username()).password(user.password())
                    .roles(user.role().name()).build());
        }
        // A locked account (too many failed logins in a row) is refused whatever password it presents.
        return username -> User.withUserDetails(manager.loadUserByUsername(username))
                .accountLocked(failures.isLocked(username)).build();
    }
}
