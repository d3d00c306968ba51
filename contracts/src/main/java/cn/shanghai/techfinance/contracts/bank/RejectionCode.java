package cn.shanghai.techfinance.contracts.bank;

/** Reasons an inbound event is rejected; part of the public contract, so only ever add codes. */
public enum RejectionCode {
    /** The record is not a JSON object (or not UTF-8, or has duplicate keys). */
    MALFORMED_JSON,
    MISSING_FIELD,
    /** A JSON value of the wrong kind: a number where a string is due, and so on. */
    WRONG_TYPE,
    /** A value of the right kind in the wrong form: money with 3 decimals, 2025-02-30, … */
    INVALID_FORMAT,
    OUT_OF_RANGE,
    INVALID_USCC,
    /** A value outside its enumeration ({@code program}, qualification {@code type}). */
    INVALID_ENUM,
    UNKNOWN_TYPE,
    UNKNOWN_FIELD,
    UNSUPPORTED_SPECVERSION,
    /** {@code source} is not the sender the topic proves. */
    SOURCE_MISMATCH,
    /** Fields that are each valid but contradict each other (maturity before disbursement). */
    INCONSISTENT,
    /** Refers to a document of the bank that never arrived within the parking window. */
    ORPHAN,
    /** Records again a fact already recorded by another event (the same instalment twice). */
    CONFLICT,
    /**
     * The event could not be processed for a reason on the receiving side, not in the event: it
     * is kept for an operator, who follows it up; sending it again with a new id may be asked for.
     */
    INTERNAL,
    /** The record is larger than intake's event size limit; it is not parsed. */
    TOO_LARGE,
    /** The JSON nests objects or arrays deeper than intake's limit; parsing stopped there. */
    TOO_DEEP
}
