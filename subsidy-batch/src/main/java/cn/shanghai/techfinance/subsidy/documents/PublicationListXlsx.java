package cn.shanghai.techfinance.subsidy.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A publication list as a spreadsheet formatted like a posted notice (公示): the title merged over
 * the table, the particulars, the bold headings, one row per claim with the amount as a number
 * ({@code #,##0.00}), the total row; printed on A4, one page wide, headings repeated on every page.
 * The public edition adds a note that the USCC is masked.
 */
public final class PublicationListXlsx {

    public static final String SHEET = "公示名单";
    public static final String AMOUNT_FORMAT = "#,##0.00";
    public static final String MASK_NOTE = "注：统一社会信用代码仅显示前 6 位和后 4 位。";

    private static final String FONT = "宋体";
    /**
     * Column widths in characters: 序号 (wide enough for the particulars' labels above it, 确认截止日期),
     * 企业名称, 统一社会信用代码, 贷款银行, 补贴金额（元）.
     */
    private static final int[] WIDTHS = {14, 40, 24, 30, 18};
    private static final int LAST_COLUMN = WIDTHS.length - 1;

    private PublicationListXlsx() {
    }

    public static byte[] write(PublicationList list, PublicationList.Edition edition) {
        try (Workbook book = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            Sheet sheet = book.createSheet(SHEET);
            for (int c = 0; c < WIDTHS.length; c++) {
                sheet.setColumnWidth(c, WIDTHS[c] * 256);
            }

            int r = 0;
            Row title = sheet.createRow(r);
            title.setHeightInPoints(30);
            text(title, 0, list.title(), styles.title);
            sheet.addMergedRegion(new CellRangeAddress(r, r, 0, LAST_COLUMN));
            r++;

            for (Map.Entry<String, String> particular : list.particulars()) {
                Row row = sheet.createRow(r);
                text(row, 0, particular.getKey(), styles.label);
                text(row, 1, particular.getValue(), styles.plain);
                sheet.addMergedRegion(new CellRangeAddress(r, r, 1, LAST_COLUMN));
                r++;
            }
            r++;

            int headingRow = r;
            Row headings = sheet.createRow(r++);
            for (int c = 0; c < PublicationList.COLUMNS.size(); c++) {
                text(headings, c, PublicationList.COLUMNS.get(c), styles.heading);
            }

            int n = 0;
            for (PublicationList.Entry e : list.entries()) {
                Row row = sheet.createRow(r++);
                number(row, 0, ++n, styles.centred);
                text(row, 1, e.firmName(), styles.cell);
                text(row, 2, edition.uscc(e.uscc()), styles.cell);
                text(row, 3, e.bank(), styles.cell);
                // a spreadsheet number is a double: it keeps yuan and fen exactly for any amount below 10^13
                number(row, 4, e.amount().doubleValue(), styles.amount);
            }

            Row total = sheet.createRow(r++);
            text(total, 0, PublicationList.TOTAL, styles.totalLabel);
            number(total, 1, n, styles.totalCount);
            text(total, 2, "", styles.totalCount);
            text(total, 3, "", styles.totalCount);
            number(total, 4, list.total().doubleValue(), styles.totalAmount);

            if (edition == PublicationList.Edition.PUBLIC) {
                text(sheet.createRow(r + 1), 0, MASK_NOTE, styles.plain);
            }

            sheet.createFreezePane(0, headingRow + 1);
            sheet.setRepeatingRows(new CellRangeAddress(headingRow, headingRow, 0, LAST_COLUMN));
            sheet.setFitToPage(true);
            sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
            sheet.getPrintSetup().setFitWidth((short) 1);
            sheet.getPrintSetup().setFitHeight((short) 0);
            sheet.setHorizontallyCenter(true);

            book.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("publication list " + list.number() + " could not be written", e);
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** The workbook's few styles, made once (a workbook holds at most 64,000). */
    private static final class Styles {

        final CellStyle title;
        final CellStyle label;
        final CellStyle plain;
        final CellStyle heading;
        final CellStyle cell;
        final CellStyle centred;
        final CellStyle amount;
        final CellStyle totalLabel;
        final CellStyle totalCount;
        final CellStyle totalAmount;

        Styles(Workbook book) {
            Font regular = font(book, false, 11);
            Font bold = font(book, true, 11);
            short amountFormat = book.createDataFormat().getFormat(AMOUNT_FORMAT);

            title = book.createCellStyle();
            title.setFont(font(book, true, 16));
            title.setAlignment(HorizontalAlignment.CENTER);
            title.setVerticalAlignment(VerticalAlignment.CENTER);

            label = book.createCellStyle();
            label.setFont(bold);
            plain = book.createCellStyle();
            plain.setFont(regular);

            heading = bordered(book, bold);
            heading.setAlignment(HorizontalAlignment.CENTER);
            heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            heading.setWrapText(true);

            cell = bordered(book, regular);
            centred = bordered(book, regular);
            centred.setAlignment(HorizontalAlignment.CENTER);
            amount = bordered(book, regular);
            amount.setDataFormat(amountFormat);

            totalLabel = bordered(book, bold);
            totalLabel.setAlignment(HorizontalAlignment.CENTER);
            totalCount = bordered(book, bold);
            totalCount.setAlignment(HorizontalAlignment.CENTER);
            totalAmount = bordered(book, bold);
            totalAmount.setDataFormat(amountFormat);
        }

        private static Font font(Workbook book, boolean bold, int points) {
            Font font = book.createFont();
            font.setFontName(FONT);
            font.setBold(bold);
            font.setFontHeightInPoints((short) points);
            return font;
        }

        private static CellStyle bordered(Workbook book, Font font) {
            CellStyle style = book.createCellStyle();
            style.setFont(font);
            style.setVerticalAlignment(VerticalAlignment.CENTER);
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            return style;
        }
    }
}
