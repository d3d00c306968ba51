package cn.shanghai.techfinance.subsidy.console.firm;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import java.util.Optional;

/**
 * The firm a page is for: the USCC of the signed-in person's ID token, and nothing a request could
 * name (no path, query or form value), so a firm reaches only its own loans and claims.
 */
final class SignedInFirm {

    private SignedInFirm() {
    }

    /** Empty for a session whose token names no USCC (such a person gets the denied page). */
    static Optional<String> uscc() {
        Caller caller = Caller.current();
        return caller.has(Role.FIRM) && caller.uscc() != null && !caller.uscc().isBlank() ? Optional.of(caller.uscc())
                : Optional.empty();
    }
}
