package cn.shanghai.techfinance.subsidy.publication;

/** No claim of that id belongs to that firm: to the firm, another firm's claim does not exist either. */
public class NoSuchClaim extends RuntimeException {

    public NoSuchClaim(String uscc, String claimId) {
        super("firm " + uscc + " has no claim " + claimId);
    }
}
