package cn.shanghai.techfinance.security;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The rules a service's URL table is made of: roles, and "its own" — a bank only for the
 * {@code {bankCode}} of its token, a firm only for the {@code {uscc}} of its token, read from the
 * request path's variables.
 */
public final class Access {

    private Access() {
    }

    /** A caller holding any of these roles. */
    public static AuthorizationManager<RequestAuthorizationContext> roles(Role... roles) {
        String[] names = Arrays.stream(roles).map(Role::name).toArray(String[]::new);
        return AuthorityAuthorizationManager.hasAnyRole(names);
    }

    /** A bank whose {@code bank_code} is the path variable's value. */
    public static AuthorizationManager<RequestAuthorizationContext> ownBank(String pathVariable) {
        return (authentication, context) -> decide(authentication,
                caller -> caller.isBank(context.getVariables().get(pathVariable)));
    }

    /** An insurer (科技保险) whose {@code insurer_code} is the path variable's value. */
    public static AuthorizationManager<RequestAuthorizationContext> ownInsurer(String pathVariable) {
        return (authentication, context) -> decide(authentication,
                caller -> caller.isInsurer(context.getVariables().get(pathVariable)));
    }

    /** A firm whose {@code uscc} is the path variable's value. */
    public static AuthorizationManager<RequestAuthorizationContext> ownFirm(String pathVariable) {
        return (authentication, context) -> decide(authentication,
                caller -> caller.isFirm(context.getVariables().get(pathVariable)));
    }

    /** Any of the rules grants access. */
    @SafeVarargs
    public static AuthorizationManager<RequestAuthorizationContext> anyOf(AuthorizationManager<RequestAuthorizationContext>... rules) {
        return AuthorizationManagers.anyOf(new AuthorizationDecision(false), rules);
    }

    private static AuthorizationResult decide(Supplier<? extends Authentication> authentication,
                                              Predicate<Caller> rule) {
        return new AuthorizationDecision(Caller.of(authentication.get()).filter(rule).isPresent());
    }
}
