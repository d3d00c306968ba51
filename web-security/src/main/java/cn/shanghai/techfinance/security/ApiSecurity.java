package cn.shanghai.techfinance.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What every service's {@code SecurityFilterChain} has in common: a stateless OAuth2 resource
 * server on bearer JWTs (no sessions, no CSRF: no cookies are ever trusted), 401 and 403 as problem
 * bodies, health probes and the API description open, the actuator open on the management port
 * only — and whatever the service's own rules do not name is denied. A service builds its one chain with {@link #filterChain}:
 * <pre>{@code
 * return api.filterChain(http, rules -> rules
 *         .requestMatchers(HttpMethod.GET, "/api/v1/firms/{uscc}/claims")
 *         .access(Access.anyOf(Access.ownFirm("uscc"), Access.roles(Role.OFFICER, Role.AUDITOR))));
 * }</pre>
 */
public class ApiSecurity implements ApplicationListener<WebServerInitializedEvent> {

    private static final String MANAGEMENT = "management";

    /** Open to anyone on the main port: the probes and the API description (a public contract). */
    static final String[] OPEN = {"/livez", "/readyz", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    private final JwtAuthenticationConverter tokens;
    /** The main server's port once it listens; the actuator is open only on another (the management port). */
    private volatile int mainPort = -1;

    public ApiSecurity(JwtAuthenticationConverter tokens) {
        this.tokens = tokens;
    }

    public SecurityFilterChain filterChain(HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules) {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(Customizer.withDefaults())
                .oauth2ResourceServer(o -> o
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
                .authorizeHttpRequests(authorize -> {
                    // an error page for a request that already passed (or failed) its own rule
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    authorize.requestMatchers(OPEN).permitAll();
                    // the management port is never exposed outside the cluster: open there, and only
                    // there (were it the main port, the actuator would need a token like the rest)
                    authorize.requestMatchers(this::onManagementPort).permitAll();
                    rules.customize(authorize);
                    authorize.anyRequest().denyAll();
                });
        return http.build();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
            mainPort = event.getWebServer().getPort();
        }
    }

    private boolean onManagementPort(HttpServletRequest request) {
        return mainPort > 0 && request.getLocalPort() != mainPort;
    }

    /** 401 with {@code WWW-Authenticate: Bearer …} (as RFC 6750 says) and a problem body. */
    static AuthenticationEntryPoint unauthorized() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            Problems.write(request, response, HttpStatus.UNAUTHORIZED, reason(failure));
        };
    }

    private static String reason(AuthenticationException failure) {
        return failure instanceof InvalidBearerTokenException
                ? "the bearer token is not valid: expired, not yet valid, malformed or not signed by the issuer"
                : "this API needs a bearer token: Authorization: Bearer <token>";
    }

    /** 403 with a problem body: the token is good, but not for this. */
    static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> Problems.write(request, response, HttpStatus.FORBIDDEN,
                "the token's roles do not allow this request, or the resource belongs to another bank or firm");
    }
}
