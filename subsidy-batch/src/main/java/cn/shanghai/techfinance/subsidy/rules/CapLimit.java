package cn.shanghai.techfinance.subsidy.rules;

import java.math.BigDecimal;
import java.util.Objects;

/** A cap a claim draws on, with the limit of the rule version the claim was computed with. */
public record CapLimit(CapBucket bucket, BigDecimal limit) {

    public CapLimit {
        Objects.requireNonNull(bucket, "bucket");
        if (limit.signum() < 0) {
            throw new IllegalArgumentException("limit is negative");
        }
    }
}
