package cn.shanghai.techfinance.subsidy.settlement;

/** A settlement action refused by the state of things (nothing to settle, budget exceeded, wrong state): a 409. */
public class SettlementRefused extends RuntimeException {

    public SettlementRefused(String message) {
        super(message);
    }
}
