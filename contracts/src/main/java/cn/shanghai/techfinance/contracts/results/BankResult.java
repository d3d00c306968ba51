package cn.shanghai.techfinance.contracts.results;

import java.time.Instant;
import java.util.Objects;

/**
 * A result sent back to one bank (回执): on Kafka {@code tf.bank.<bankCode>.results.v1}, keyed by
 * {@code subject}, and to the bank's webhook, if it registered one, as the signed request body.
 * CloudEvents 1.0 in structured JSON mode, written by {@code ContractJson}; every attribute is
 * always present.
 *
 * <p>{@code id} is derived from what the result is about (see {@link ResultData#resultId()}), so a
 * result sent again (a redelivery, a retried webhook) carries the same id: banks de-duplicate on it.
 *
 * @param subject the bank's own event id, or the claim id: what the result is about
 * @param time    when intake decided, or when the claim changed (not when it was sent)
 */
public record BankResult(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        ResultData data) {

    public static final String SPEC_VERSION = "1.0";
    /** The sender of every result: the system, never a bank. */
    public static final String SOURCE = "techfinance/notifier";
    public static final String CONTENT_TYPE = "application/json";

    public BankResult {
        Objects.requireNonNull(data, "data");
        require("specversion", SPEC_VERSION, specversion);
        require("source", SOURCE, source);
        require("datacontenttype", CONTENT_TYPE, datacontenttype);
        require("type", data.typeName(), type);
        require("id", data.resultId(), id);
        require("subject", data.subject(), subject);
        Objects.requireNonNull(time, "time");
    }

    /** The result that tells a bank about {@code data}, dated {@code time}. */
    public static BankResult of(ResultData data, Instant time) {
        return new BankResult(SPEC_VERSION, data.resultId(), SOURCE, data.typeName(), data.subject(), time, CONTENT_TYPE, data);
    }

    private static void require(String attribute, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(attribute + " must be " + expected + ", is " + actual);
        }
    }
}
