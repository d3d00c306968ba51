package cn.shanghai.techfinance.subsidy.publication;

import java.math.BigDecimal;

/** One claim on a list as it was posted: the firm's name as the ledger knew it when the list was published. */
public record PublicationEntry(String claimId, String uscc, String firmName, String bankCode, BigDecimal amount) {
}
