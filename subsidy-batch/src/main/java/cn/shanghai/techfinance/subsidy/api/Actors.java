package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;

/** The calling person as the audit trail names them, acting on today's business date. */
final class Actors {

    private Actors() {
    }

    /** The caller's user name (the token's subject); a token without one still acts, unnamed. */
    static String userOf(Caller caller) {
        return caller.user() == null || caller.user().isBlank() ? "unnamed caller" : caller.user();
    }

    static Actor current(BusinessClock businessClock, String reference) {
        return new Actor(userOf(Caller.current()), businessClock.today(), reference);
    }
}
