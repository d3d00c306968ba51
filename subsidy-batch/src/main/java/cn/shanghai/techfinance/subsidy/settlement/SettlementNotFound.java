package cn.shanghai.techfinance.subsidy.settlement;

/** No such settlement (or budget): a 404. */
public class SettlementNotFound extends RuntimeException {

    public SettlementNotFound(String message) {
        super(message);
    }
}
