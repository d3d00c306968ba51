package cn.shanghai.techfinance.subsidy.documents;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicationListCsvTest {

    static final PublicationList LIST = new PublicationList("LYD_PREMIUM-2026-003", ClaimEvent.Program.LYD_PREMIUM,
            LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 7), List.of(
            new PublicationList.Entry("上海某某科技有限公司", "91310115MA1K3YJ12X", "上海浦东发展银行", new BigDecimal("12000.5")),
            new PublicationList.Entry("上海\"引号\"科技,有限公司", "91310000132200821H", "中国银行", new BigDecimal("0.01")),
            new PublicationList.Entry("上海张江微电子有限公司", "91310104MA1FL5LR2K", "中国工商银行", new BigDecimal("88888.88"))));

    @Test
    void theFullListLaidOutLikeTheNotice() {
        String csv = PublicationListCsv.write(LIST, PublicationList.Edition.FULL);

        assertThat(csv).isEqualTo(PublicationListCsv.BOM + """
                公示编号,LYD_PREMIUM-2026-003
                补贴项目,科技履约贷保费补贴（LYD_PREMIUM）
                所属期间,2026-01-01 至 2026-03-31
                公示日期,2026-04-01
                确认截止日期,2026-04-07

                序号,企业名称,统一社会信用代码,贷款银行,补贴金额（元）
                1,上海某某科技有限公司,91310115MA1K3YJ12X,上海浦东发展银行,12000.50
                2,"上海""引号""科技,有限公司",91310000132200821H,中国银行,0.01
                3,上海张江微电子有限公司,91310104MA1FL5LR2K,中国工商银行,88888.88
                合计,3,,,100889.39
                """);
        assertThat(Rfc4180.parse(csv.substring(1)).get(8)).containsExactly("2", "上海\"引号\"科技,有限公司", "91310000132200821H", "中国银行", "0.01");
    }

    @Test
    void thePublicNoticeMasksTheUsccButForItsFirst6AndLast4Characters() {
        List<List<String>> records = Rfc4180.parse(PublicationListCsv.write(LIST, PublicationList.Edition.PUBLIC).substring(1));

        assertThat(records.subList(7, 10)).extracting(r -> r.get(2))
                .containsExactly("913101********J12X", "913100********821H", "913101********LR2K");
        assertThat(records.subList(7, 10)).extracting(r -> r.get(1))
                .containsExactly("上海某某科技有限公司", "上海\"引号\"科技,有限公司", "上海张江微电子有限公司");
        assertThat(records.get(10)).containsExactly("合计", "3", "", "", "100889.39");
        assertThat(String.join("\n", records.stream().flatMap(List::stream).toList()))
                .doesNotContain("91310115MA1K3YJ12X", "91310000132200821H", "91310104MA1FL5LR2K");
    }

    @Test
    void maskingKeepsTheFullCodeForOfficersAndHidesAShortOneWhole() {
        assertThat(PublicationList.Edition.FULL.uscc("91310115MA1K3YJ12X")).isEqualTo("91310115MA1K3YJ12X");
        assertThat(PublicationList.Edition.PUBLIC.uscc("91310115MA1K3YJ12X")).isEqualTo("913101********J12X").hasSize(18);
        assertThat(PublicationList.Edition.PUBLIC.uscc("12345678901")).isEqualTo("123456*8901");
        assertThat(PublicationList.Edition.PUBLIC.uscc("1234567890")).isEqualTo("**********");
    }

    @Test
    void anHkzdListNamesItsProgramme() {
        PublicationList hkzd = new PublicationList("HKZD_INTEREST-2026-001", ClaimEvent.Program.HKZD_INTEREST, LIST.from(),
                LIST.to(), LIST.publishedOn(), LIST.confirmBy(), List.of());

        assertThat(hkzd.title()).isEqualTo("沪科专贷贴息公示名单");
        assertThat(PublicationListCsv.write(hkzd, PublicationList.Edition.PUBLIC)).contains("补贴项目,沪科专贷贴息（HKZD_INTEREST）\n")
                .endsWith("序号,企业名称,统一社会信用代码,贷款银行,补贴金额（元）\n合计,0,,,0.00\n");
    }
}
