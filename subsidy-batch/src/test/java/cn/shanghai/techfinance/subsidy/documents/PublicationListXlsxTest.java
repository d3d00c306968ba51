package cn.shanghai.techfinance.subsidy.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Writes the list and reads it back with POI, as a spreadsheet program would. */
class PublicationListXlsxTest {

    static final PublicationList LIST = PublicationListCsvTest.LIST;
    static final int HEADINGS = 7;

    @Test
    void theTitleIsMergedOverTheTableAndTheParticularsFollow() throws Exception {
        try (XSSFWorkbook book = read(PublicationList.Edition.FULL)) {
            XSSFSheet sheet = book.getSheet(PublicationListXlsx.SHEET);

            assertThat(book.getNumberOfSheets()).isEqualTo(1);
            assertThat(text(sheet, 0, 0)).isEqualTo("科技履约贷保费补贴公示名单");
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, 4));
            assertThat(book.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(List.of(text(sheet, 1, 0), text(sheet, 2, 0), text(sheet, 3, 0), text(sheet, 4, 0), text(sheet, 5, 0)))
                    .containsExactly("公示编号", "补贴项目", "所属期间", "公示日期", "确认截止日期");
            assertThat(List.of(text(sheet, 1, 1), text(sheet, 2, 1), text(sheet, 3, 1), text(sheet, 4, 1), text(sheet, 5, 1)))
                    .containsExactly("LYD_PREMIUM-2026-003", "科技履约贷保费补贴（LYD_PREMIUM）", "2026-01-01 至 2026-03-31",
                            "2026-04-01", "2026-04-07");
        }
    }

    @Test
    void boldHeadingsOneRowPerClaimWithNumericAmountsAndTheTotal() throws Exception {
        try (XSSFWorkbook book = read(PublicationList.Edition.FULL)) {
            XSSFSheet sheet = book.getSheet(PublicationListXlsx.SHEET);
            DataFormatter shown = new DataFormatter();

            Row headings = sheet.getRow(HEADINGS);
            assertThat(List.of(0, 1, 2, 3, 4)).extracting(c -> headings.getCell(c).getStringCellValue())
                    .containsExactlyElementsOf(PublicationList.COLUMNS);
            assertThat(List.of(0, 1, 2, 3, 4)).allSatisfy(c ->
                    assertThat(book.getFontAt(headings.getCell(c).getCellStyle().getFontIndex()).getBold()).isTrue());

            Row first = sheet.getRow(HEADINGS + 1);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("上海某某科技有限公司");
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("91310115MA1K3YJ12X");
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("上海浦东发展银行");
            Cell amount = first.getCell(4);
            assertThat(amount.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(amount.getNumericCellValue()).isEqualTo(12000.50);
            assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(shown.formatCellValue(amount)).isEqualTo("12,000.50");
            assertThat(shown.formatCellValue(sheet.getRow(HEADINGS + 2).getCell(4))).isEqualTo("0.01");
            assertThat(sheet.getRow(HEADINGS + 2).getCell(1).getStringCellValue()).isEqualTo("上海\"引号\"科技,有限公司");
            assertThat(sheet.getRow(HEADINGS + 3).getCell(0).getNumericCellValue()).isEqualTo(3);

            Row total = sheet.getRow(HEADINGS + 4);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(1).getNumericCellValue()).isEqualTo(3);
            assertThat(total.getCell(4).getNumericCellValue()).isEqualTo(100889.39);
            assertThat(shown.formatCellValue(total.getCell(4))).isEqualTo("100,889.39");
            assertThat(book.getFontAt(total.getCell(4).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getLastRowNum()).as("no note under the officers' list").isEqualTo(HEADINGS + 4);
        }
    }

    @Test
    void columnsAreWideEnoughAndTheHeadingsStayInView() throws Exception {
        try (XSSFWorkbook book = read(PublicationList.Edition.FULL)) {
            XSSFSheet sheet = book.getSheet(PublicationListXlsx.SHEET);

            assertThat(List.of(0, 1, 2, 3, 4)).extracting(sheet::getColumnWidth)
                    .containsExactly(14 * 256, 40 * 256, 24 * 256, 30 * 256, 18 * 256);
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) (HEADINGS + 1));
            assertThat(sheet.getRepeatingRows()).isEqualTo(CellRangeAddress.valueOf("8:8"));
            assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
        }
    }

    @Test
    void thePublicNoticeShowsOnlyTheMaskedUsccAndSaysSo() throws Exception {
        try (XSSFWorkbook book = read(PublicationList.Edition.PUBLIC)) {
            XSSFSheet sheet = book.getSheet(PublicationListXlsx.SHEET);

            assertThat(List.of(1, 2, 3)).extracting(n -> sheet.getRow(HEADINGS + n).getCell(2).getStringCellValue())
                    .containsExactly("913101********J12X", "913100********821H", "913101********LR2K");
            assertThat(text(sheet, sheet.getLastRowNum(), 0)).isEqualTo(PublicationListXlsx.MASK_NOTE);
            assertThat(allText(sheet)).noneMatch(t -> t.contains("91310115MA1K3YJ12X") || t.contains("91310000132200821H")
                    || t.contains("91310104MA1FL5LR2K"));
            assertThat(sheet.getRow(HEADINGS + 4).getCell(4).getNumericCellValue()).isEqualTo(100889.39);
        }
    }

    private static XSSFWorkbook read(PublicationList.Edition edition) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(PublicationListXlsx.write(LIST, edition)));
    }

    private static String text(XSSFSheet sheet, int row, int column) {
        return sheet.getRow(row).getCell(column).getStringCellValue();
    }

    private static List<String> allText(XSSFSheet sheet) {
        List<String> texts = new ArrayList<>();
        DataFormatter shown = new DataFormatter();
        sheet.forEach(row -> row.forEach(cell -> texts.add(shown.formatCellValue(cell))));
        return texts;
    }
}
