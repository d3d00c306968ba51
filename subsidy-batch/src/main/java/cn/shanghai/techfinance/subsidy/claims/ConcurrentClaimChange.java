package cn.shanghai.techfinance.subsidy.claims;

/**
 * A claim changed between being read and being written (optimistic version check): the change is
 * refused whole; whoever made it may read the claim again and decide anew.
 */
public class ConcurrentClaimChange extends RuntimeException {

    private final String claimId;

    public ConcurrentClaimChange(String claimId) {
        super("claim " + claimId + " changed meanwhile; read it again and retry");
        this.claimId = claimId;
    }

    public String claimId() {
        return claimId;
    }
}
