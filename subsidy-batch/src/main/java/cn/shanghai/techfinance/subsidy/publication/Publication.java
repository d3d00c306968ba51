package cn.shanghai.techfinance.subsidy.publication;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One numbered list (公示名单) of a programme's claims triggered in a period, published on a business
 * date; its firms confirm by {@code confirmBy}. {@code count} and {@code total} are of the claims it
 * published.
 */
public record Publication(long id, String number, ClaimEvent.Program program, LocalDate from, LocalDate to, LocalDate publishedOn,
                          LocalDate confirmBy, int count, BigDecimal total, String publishedBy) {
}
