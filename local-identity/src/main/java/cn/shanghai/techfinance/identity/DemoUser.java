package cn.shanghai.techfinance.identity;

import java.util.List;

/**
 * A person who may sign in at the local issuer, with the claims the services read from their tokens:
 * {@code roles}, and for a firm its {@code uscc}, for a bank its {@code bank_code} (null when none).
 * The password is shown on the login page: these are demo users, never real ones.
 */
public record DemoUser(String username, String password, String displayName, List<String> roles, String uscc, String bankCode) {

    public DemoUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a demo user needs a username");
        }
        roles = List.copyOf(roles);
    }

    /** A city officer, approver or auditor: roles only. */
    public static DemoUser staff(String username, String password, String displayName, String... roles) {
        return new DemoUser(username, password, displayName, List.of(roles), null, null);
    }

    /** A firm, signing in by its USCC. */
    public static DemoUser firm(String uscc, String password, String name) {
        return new DemoUser(uscc, password, name, List.of("FIRM"), uscc, null);
    }
}
