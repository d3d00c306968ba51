package cn.shanghai.techfinance.subsidy.publication;

/** A publication that cannot be made as things stand (nothing new in its period, no rule data in force): nothing was published. */
public class PublicationRefused extends RuntimeException {

    public PublicationRefused(String message) {
        super(message);
    }
}
