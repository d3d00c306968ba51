package cn.shanghai.techfinance.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The issuer's application context. Only the auto-configuration it needs is imported, never the
 * classpath's whole set: in a test it shares a JVM (and a classpath) with a service and its
 * datasource, Kafka and batch settings, none of which it has.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpEncodingAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, ThymeleafAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class})
@EnableWebSecurity
@Import(LoginPage.class)
class IdentityProviderApplication {

    private static final String CLAIM_ROLES = "roles";

    /** The protocol's endpoints (authorize, token, JWK set, OIDC discovery and user info); a browser without a session goes to the login page. */
    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LoginPage.PATH),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The login page itself (form login, CSRF on). */
    @Bean
    @Order(2)
    SecurityFilterChain login(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(LoginPage.PATH, "/error").permitAll().anyRequest().authenticated())
                .formLogin(form -> form.loginPage(LoginPage.PATH).permitAll());
        return http.build();
    }

    @Bean
    DemoUsers demoUsers(IdentitySettings settings) {
        return settings.users();
    }

    @Bean
    ConsoleClient clients(IdentitySettings settings) {
        ConsoleClient console = new ConsoleClient(settings.consoleSecret());
        settings.consoleBaseUrls().forEach(console::allowAt);
        return console;
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(IdentitySettings settings) {
        RSAKey key = settings.keys().signingJwk();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** For the user-info endpoint, which reads the access token it is given. */
    @Bean
    JwtDecoder jwtDecoder(IdentitySettings settings) throws Exception {
        return NimbusJwtDecoder.withPublicKey(settings.keys().signingJwk().toRSAPublicKey()).build();
    }

    /** The issuer is the URL it is reached at (http://127.0.0.1:port). */
    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /** The services' claims in both tokens: the access token for their APIs, the ID token for the console's session. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> serviceClaims(DemoUsers users) {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!accessToken && !idToken) {
                return;
            }
            users.find(context.getPrincipal().getName()).ifPresent(user -> {
                context.getClaims().claim(CLAIM_ROLES, user.roles());
                context.getClaims().claim("name", user.displayName());
                if (user.uscc() != null) {
                    context.getClaims().claim("uscc", user.uscc());
                }
                if (user.bankCode() != null) {
                    context.getClaims().claim("bank_code", user.bankCode());
                }
            });
        };
    }
}
