package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may open which page of the console: people, not programs, so a session (cookie {@code TF_CONSOLE},
 * 30 minutes idle) begun by signing in at the OpenID Connect issuer that issues the API's tokens, CSRF
 * tokens on every form, and the same roles as the API, read from the ID token's {@code roles} claim.
 * Officers' pages are for officers, approvers and auditors (each page refuses what the role may not do:
 * the server decides, the buttons only follow); a firm's pages for firms, on their own USCC only.
 * Present only where the console's client is registered
 * ({@code spring.security.oauth2.client.registration.console.*}); otherwise these paths fall to the
 * API's chain, which denies them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.security.oauth2.client.registration.console", name = "client-id")
public class ConsoleSecurity {

    /** The console's registration at the issuer (also the {@code {registrationId}} of its redirect URI). */
    public static final String REGISTRATION = "console";
    static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        // signing out of the console signs out at the issuer too, so the next person on this browser signs in afresh
        signedOut.setPostLogoutRedirectUri("{baseUrl}/console/signed-out");
        http.securityMatcher("/console", "/console/**", "/oauth2/authorization/**", "/login/oauth2/code/**", "/webjars/**",
                        "/console-assets/**")
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/webjars/**", "/console-assets/**", "/console/signed-out", "/console/denied").permitAll()
                        .requestMatchers("/console/officer", "/console/officer/**")
                        .hasAnyRole(Role.OFFICER.name(), Role.APPROVER.name(), Role.AUDITOR.name())
                        .requestMatchers("/console/firm", "/console/firm/**").hasRole(Role.FIRM.name())
                        .anyRequest().authenticated())
                .oauth2Login(login -> login.loginPage(SIGN_IN)
                        .defaultSuccessUrl("/console", false)
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesOfIdToken())))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessHandler(signedOut))
                .exceptionHandling(e -> e
                        // an htmx request after the session ran out: not a redirect htmx would follow across
                        // origins to the issuer, but a 401 telling the page to load itself afresh (and so sign in)
                        .defaultAuthenticationEntryPointFor((request, response, failure) -> {
                            response.setHeader("HX-Redirect", request.getContextPath() + "/console");
                            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                        }, request -> "true".equals(request.getHeader("HX-Request")))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(SIGN_IN), request -> true)
                        .accessDeniedPage("/console/denied"))
                .headers(headers -> headers
                        // no inline script or style anywhere in the console: everything comes from /console-assets and /webjars
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; "
                                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** The ID token's {@code roles} claim as {@code ROLE_*} authorities, as {@link Caller} and the API read them. */
    static GrantedAuthoritiesMapper rolesOfIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    List<String> roles = oidc.getIdToken().getClaimAsStringList(Caller.ROLES_CLAIM);
                    if (roles != null) {
                        roles.forEach(role -> roleOf(role, mapped));
                    }
                }
            }
            return mapped;
        };
    }

    private static void roleOf(String claimed, Collection<GrantedAuthority> into) {
        for (Role role : Role.values()) {
            if (role.name().equalsIgnoreCase(claimed)) {
                into.add(new SimpleGrantedAuthority(role.authority()));
            }
        }
    }
}
