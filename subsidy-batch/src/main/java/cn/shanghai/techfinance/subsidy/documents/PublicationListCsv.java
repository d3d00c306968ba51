package cn.shanghai.techfinance.subsidy.documents;

import java.util.Map;

/**
 * A publication list as CSV, laid out like the notice: the particulars (label, value), an empty line,
 * the headed rows, then {@code 合计,<count>,,,<total>} (the total under the amounts).
 *
 * <p>It starts with a UTF-8 byte order mark: officers open it in Excel, which reads a CSV without one
 * in the local code page (GBK on Chinese Windows) and garbles every Chinese character.
 */
public final class PublicationListCsv {

    public static final String BOM = "\uFEFF";

    private PublicationListCsv() {
    }

    public static String write(PublicationList list, PublicationList.Edition edition) {
        StringBuilder out = new StringBuilder(BOM);
        for (Map.Entry<String, String> particular : list.particulars()) {
            out.append(Csv.line(particular.getKey(), particular.getValue()));
        }
        out.append(Csv.EOL).append(Csv.line(PublicationList.COLUMNS));
        int n = 0;
        for (PublicationList.Entry e : list.entries()) {
            out.append(Csv.line(Integer.toString(++n), e.firmName(), edition.uscc(e.uscc()), e.bank(), Csv.amount(e.amount())));
        }
        return out.append(Csv.line(PublicationList.TOTAL, Integer.toString(n), "", "", Csv.amount(list.total()))).toString();
    }
}
