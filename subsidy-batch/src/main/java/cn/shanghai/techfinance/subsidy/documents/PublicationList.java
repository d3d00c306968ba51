package cn.shanghai.techfinance.subsidy.documents;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One published list (公示名单) as its documents show it: the particulars, one row per claim, the total.
 * {@link PublicationListCsv} and {@link PublicationListXlsx} write it, each in two editions.
 *
 * @param number  e.g. {@code LYD_PREMIUM-2026-003}
 * @param from    first trigger date of the period
 * @param to      last trigger date of the period
 * @param confirmBy the last day a firm may confirm
 * @param entries in the order the list shows them (序号 1, 2, …)
 */
public record PublicationList(String number, ClaimEvent.Program program, LocalDate from, LocalDate to,
                              LocalDate publishedOn, LocalDate confirmBy, List<Entry> entries) {

    /** The row headings: 序号, 企业名称, 统一社会信用代码, 贷款银行, 补贴金额（元）. */
    public static final List<String> COLUMNS = List.of("序号", "企业名称", "统一社会信用代码", "贷款银行", "补贴金额（元）");
    public static final String TOTAL = "合计";

    public PublicationList {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(publishedOn, "publishedOn");
        Objects.requireNonNull(confirmBy, "confirmBy");
        entries = List.copyOf(entries);
    }

    /** @param amount yuan, at most two decimals */
    public record Entry(String firmName, String uscc, String bank, BigDecimal amount) {

        public Entry {
            Objects.requireNonNull(firmName, "firmName");
            Objects.requireNonNull(uscc, "uscc");
            Objects.requireNonNull(bank, "bank");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** Who the document is for. */
    public enum Edition {
        /** Officers and auditors ({@code list.csv}, {@code list.xlsx}): the USCC in full. */
        FULL,
        /**
         * The posted notice (公示, {@code notice.csv}, {@code notice.xlsx}): the USCC masked but for its
         * first 6 and last 4 characters ({@code 913101********J12X}) — enough for a firm to find its own
         * line (with the name) and to tell two branches apart, not enough to read off the code.
         */
        PUBLIC;

        static final int KEPT_HEAD = 6;
        static final int KEPT_TAIL = 4;

        public String uscc(String uscc) {
            if (this == FULL) {
                return uscc;
            }
            if (uscc.length() <= KEPT_HEAD + KEPT_TAIL) {
                return "*".repeat(uscc.length());
            }
            return uscc.substring(0, KEPT_HEAD) + "*".repeat(uscc.length() - KEPT_HEAD - KEPT_TAIL)
                    + uscc.substring(uscc.length() - KEPT_TAIL);
        }
    }

    /** The programme as the notice names it, e.g. 科技履约贷保费补贴. */
    public static String programmeName(ClaimEvent.Program program) {
        return switch (program) {
            case LYD_PREMIUM -> "科技履约贷保费补贴";
            case HKZD_INTEREST -> "沪科专贷贴息";
            case TECH_INSURANCE_PREMIUM -> "科技保险保费补贴";
        };
    }

    /** The document's title, e.g. 科技履约贷保费补贴公示名单. */
    public String title() {
        return programmeName(program) + "公示名单";
    }

    /** The particulars above the rows, label and value, in the order shown. */
    public List<Map.Entry<String, String>> particulars() {
        return List.of(
                Map.entry("公示编号", number),
                Map.entry("补贴项目", programmeName(program) + "（" + program.name() + "）"),
                Map.entry("所属期间", from + " 至 " + to),
                Map.entry("公示日期", publishedOn.toString()),
                Map.entry("确认截止日期", confirmBy.toString()));
    }

    /** Σ amounts, two decimals. */
    public BigDecimal total() {
        return entries.stream().map(Entry::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }
}
