package cn.shanghai.techfinance.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a token's {@code roles} claim carries. A caller's authorities are {@code ROLE_<role>}.
 * <ul>
 *   <li>{@link #BANK}: a bank, identified by the token's {@code bank_code}: only its own resources;</li>
 *   <li>{@link #INSURER}: an insurer (科技保险), identified by the token's {@code insurer_code}: the outcomes of
 *       its own events and the claims on its own policies;</li>
 *   <li>{@link #FIRM}: a firm, identified by the token's {@code uscc}: only its own resources;</li>
 *   <li>{@link #OFFICER}: the city's officer: runs, redeliveries, exports, and reads everything;</li>
 *   <li>{@link #APPROVER}: approves settlements (nothing yet);</li>
 *   <li>{@link #AUDITOR}: reads everything, changes nothing.</li>
 * </ul>
 */
public enum Role {
    BANK, INSURER, FIRM, OFFICER, APPROVER, AUDITOR;

    private static final String PREFIX = "ROLE_";

    /** The granted authority this role becomes. */
    public String authority() {
        return PREFIX + name();
    }

    /** The role an authority stands for, if it is one of ours. */
    static Optional<Role> ofAuthority(String authority) {
        if (authority == null || !authority.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String name = authority.substring(PREFIX.length()).toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
