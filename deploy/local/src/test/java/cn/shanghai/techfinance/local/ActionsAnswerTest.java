package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.local.SubsidyApi.Answer;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a refusal's row says (the problem's detail), and amounts read as the API writes them. */
class ActionsAnswerTest {

    @Test
    void aRefusalIsTheProblemsDetailOrWhatTheBodySays() {
        assertThat(answer(409, "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"确认期限已过: the deadline was 2026-04-07\"}").reason())
                .isEqualTo("确认期限已过: the deadline was 2026-04-07");
        assertThat(answer(502, "<html>\n  Bad   gateway\n</html>").reason()).isEqualTo("<html> Bad gateway </html>");
        assertThat(answer(404, "").reason()).isEqualTo("HTTP 404");
        assertThat(answer(500, "x".repeat(300)).reason()).hasSize(201).endsWith("…");
        assertThat(answer(403, "{\"title\":\"Forbidden\"}").reason()).isEqualTo("{\"title\":\"Forbidden\"}");
    }

    @Test
    void amountsKeepTwoDecimalsWhateverTheirForm() {
        assertThat(SubsidyApi.money(SubsidyApi.JSON.readTree("22500.00"))).isEqualTo(new BigDecimal("22500.00"));
        assertThat(SubsidyApi.money(SubsidyApi.JSON.readTree("22500"))).isEqualTo(new BigDecimal("22500.00"));
        assertThat(SubsidyApi.money(SubsidyApi.JSON.readTree("\"5425.10\""))).isEqualTo(new BigDecimal("5425.10"));
        assertThat(SubsidyApi.money(SubsidyApi.JSON.readTree("12345678901234.01"))).isEqualTo(new BigDecimal("12345678901234.01"));
    }

    @Test
    void aClaimIdIsOneSegmentOfAPath() {
        assertThat(SubsidyApi.segment("HKZD_INTEREST:BOC-SH:C9/0#2")).isEqualTo("HKZD_INTEREST%3ABOC-SH%3AC9%2F0%232");
        assertThat(SubsidyApi.segment("6f1c2d3e-0a1b-3c4d-8e9f-001122334455")).isEqualTo("6f1c2d3e-0a1b-3c4d-8e9f-001122334455");
        assertThat(SubsidyApi.segment("a b")).isEqualTo("a%20b");
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, body, Optional.empty());
    }
}
