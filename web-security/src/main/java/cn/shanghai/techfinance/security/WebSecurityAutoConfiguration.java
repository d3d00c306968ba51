package cn.shanghai.techfinance.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * A service's HTTP API knows who is calling: bearer JWTs (RS256) checked against the issuer's
 * keys, the {@code roles} claim as {@code ROLE_*} authorities, {@link ApiSecurity} for the
 * service's one filter chain, errors as problem details ({@link ApiProblems}) and a request-body
 * limit ({@link RequestBodyLimit}).
 * <p>Where the keys come from: in production the issuer's JWK set
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, with {@code issuer-uri} as the
 * {@code iss} every token must carry); locally and in tests one public key
 * ({@code …jwt.public-key-location}). Without either the service does not start.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({OAuth2ResourceServerProperties.class, WebSecurityAutoConfiguration.HttpLimits.class})
public class WebSecurityAutoConfiguration {

    /** {@code techfinance.http.max-request-body}: the largest request body accepted (1 MB unless set). */
    @ConfigurationProperties("techfinance.http")
    public record HttpLimits(@DefaultValue("1MB") DataSize maxRequestBody) {
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        String issuer = jwt.getIssuerUri();
        NimbusJwtDecoder decoder;
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            if (!StringUtils.hasText(issuer)) {
                throw new IllegalStateException("JWT_JWK_SET_URI is set but JWT_ISSUER_URI is not: every token's issuer must be checked");
            }
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (jwt.getPublicKeyLocation() != null) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(jwt.getPublicKeyLocation()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        } else {
            throw new IllegalStateException("no keys to check tokens with: set JWT_JWK_SET_URI and JWT_ISSUER_URI, "
                    + "or spring.security.oauth2.resourceserver.jwt.public-key-location");
        }
        // expiry and not-before with 60 s of clock skew; the issuer where one is configured
        decoder.setJwtValidator(StringUtils.hasText(issuer) ? JwtValidators.createDefaultWithIssuer(issuer) : JwtValidators.createDefault());
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(Caller.ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    @Bean
    ApiSecurity apiSecurity(JwtAuthenticationConverter tokens) {
        return new ApiSecurity(tokens);
    }

    @Bean
    ApiProblems apiProblems() {
        return new ApiProblems();
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(HttpLimits limits) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(limits.maxRequestBody()));
        // before the security filters: a huge body is refused without being looked at
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    private static RSAPublicKey publicKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the JWT public key at " + location, e);
        }
    }
}
