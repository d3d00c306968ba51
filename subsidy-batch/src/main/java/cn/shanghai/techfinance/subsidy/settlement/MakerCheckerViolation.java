package cn.shanghai.techfinance.subsidy.settlement;

/** The person who prepared a settlement tried to approve it (四眼原则: one prepares, another approves): a 403. */
public class MakerCheckerViolation extends RuntimeException {

    public MakerCheckerViolation(String message) {
        super(message);
    }
}
