package cn.shanghai.techfinance.contracts.results;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The data of a {@link BankResult}. The JSON carries no type property of its own: the envelope's
 * {@code type} names it, and a reader tells the kinds apart by their properties.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(EventDecided.class), @JsonSubTypes.Type(ClaimChanged.class)})
public sealed interface ResultData permits EventDecided, ClaimChanged {

    /** The CloudEvents {@code type} of a result with this data. */
    String typeName();

    /** The CloudEvents {@code id}: the same for the same fact, however often it is sent. */
    String resultId();

    /** The CloudEvents {@code subject}, also the Kafka record key. */
    String subject();

    /**
     * Whether the result goes to an insurer (科技保险) rather than a bank: on Kafka to the recipient's
     * {@code tf.insurer.<code>.results.v1}, not {@code tf.bank.<code>.results.v1}. Codes are one
     * namespace, so the recipient's code alone cannot tell.
     */
    boolean toInsurer();
}
