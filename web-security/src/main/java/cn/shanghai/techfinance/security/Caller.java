package cn.shanghai.techfinance.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the token says (a bearer token, or the ID token of a console session): the user ({@code sub}), the roles, and for a bank its
 * {@code bank_code}, for an insurer its {@code insurer_code}, for a firm its {@code uscc} (null when the token has none).
 * Bank and insurer codes are one namespace: no code names both.
 */
public record Caller(String user, Set<Role> roles, String bankCode, String insurerCode, String uscc) {

    public static final String BANK_CODE_CLAIM = "bank_code";
    public static final String INSURER_CODE_CLAIM = "insurer_code";
    public static final String USCC_CLAIM = "uscc";
    public static final String ROLES_CLAIM = "roles";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The caller reads everything: an officer or an auditor. */
    public boolean readsEverything() {
        return has(Role.OFFICER) || has(Role.AUDITOR);
    }

    /** A bank whose token names this bank code. */
    public boolean isBank(String code) {
        return has(Role.BANK) && bankCode != null && bankCode.equals(code);
    }

    /** An insurer whose token names this insurer code. */
    public boolean isInsurer(String code) {
        return has(Role.INSURER) && insurerCode != null && insurerCode.equals(code);
    }

    /** A firm whose token names this USCC. */
    public boolean isFirm(String code) {
        return has(Role.FIRM) && uscc != null && uscc.equals(code);
    }

    /** The caller of an authentication, or empty when it is none (anonymous). */
    public static Optional<Caller> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role.ofAuthority(authority.getAuthority()).ifPresent(roles::add);
        }
        // a bearer token's claims (the API), or a signed-in person's ID token claims (the console's session)
        ClaimAccessor claims;
        if (authentication instanceof JwtAuthenticationToken token) {
            claims = token.getToken();
        } else if (authentication.getPrincipal() instanceof ClaimAccessor principal) {
            claims = principal;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Caller(authentication.getName(), roles, claims.getClaimAsString(BANK_CODE_CLAIM),
                claims.getClaimAsString(INSURER_CODE_CLAIM), claims.getClaimAsString(USCC_CLAIM)));
    }

    /** The caller of the request being handled; a controller behind the security filter always has one. */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication())
                .orElseThrow(() -> new IllegalStateException("no authenticated caller: the endpoint is not behind the API's security"));
    }
}
