package cn.shanghai.techfinance.subsidy.rules.firm;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.time.LocalDate;
import java.util.List;

/** 严重失信: a firm on the list on the claim's trigger date gets no eligible claim. */
public final class DishonestyPolicy {

    private DishonestyPolicy() {
    }

    public static Decision decide(List<DishonestyListing> listings, LocalDate triggerDate) {
        return listings.stream().anyMatch(listing -> listing.isListedOn(triggerDate))
                ? Decision.rejected(ReasonCode.DISHONESTY_LISTED)
                : Decision.ALLOWED;
    }
}
