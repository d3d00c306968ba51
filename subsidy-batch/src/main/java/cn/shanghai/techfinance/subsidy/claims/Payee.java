package cn.shanghai.techfinance.subsidy.claims;

import java.util.Objects;

/** Where a firm asked its subsidy to be paid (收款人), given when it confirmed its claim. */
public record Payee(String name, String account, String bank) {

    public Payee {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(bank, "bank");
    }
}
