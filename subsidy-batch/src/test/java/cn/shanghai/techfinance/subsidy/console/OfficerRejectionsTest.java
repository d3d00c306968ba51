package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.Program;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rejections page in a real browser: bank CONC-SH sends malformed events over Kafka, the real
 * intake rejects them, and an officer sees them counted by bank and reason (table and chart) and
 * listed with each reason in words, filtered by bank and reason — all read through intake's API.
 */
class OfficerRejectionsTest extends ConsoleTest {

    static final String BANK = "CONC-SH";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean sent;

    /** Three loan applications intake must refuse: two terms out of range, one programme outside its list. */
    @BeforeEach
    void theBankSentMalformedEventsOnce() {
        if (sent) {
            return;
        }
        sendMalformed(BANK, "conc-rej-1", 9_430_001, "\"termMonths\":12", "\"termMonths\":0");
        sendMalformed(BANK, "conc-rej-2", 9_430_002, "\"program\":\"LYD\"", "\"program\":\"XYZ\"");
        sendMalformed(BANK, "conc-rej-3", 9_430_003, "\"termMonths\":12", "\"termMonths\":121");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> intakeJson("/api/v1/rejections?bank=" + BANK).get("total").asLong() == 3);
        sent = true;
    }

    @Test
    void anOfficerSeesTheBanksRejectionsByReasonAndFiltersThem() {
        ConsoleBrowser wang = browser().signIn("wang");
        wang.go("/console/officer/rejections?bank=" + BANK);
        assertThat(wang.find(By.tagName("h1")).getText()).isEqualTo("拒收事件");
        String summary = wang.find(By.id("rejection-summary")).getText();
        assertThat(summary).contains(BANK + " 数值超出范围 OUT_OF_RANGE 2", BANK + " 取值不在允许范围内 INVALID_ENUM 1");
        assertThat(wang.find(By.id("rejection-total")).getText()).isEqualTo("共 3 个事件");
        assertThat(wang.find(By.id("rejection-list")).getText()).contains("conc-rej-3", "conc-rej-2", "conc-rej-1",
                "字段: data.termMonths", "loan.applied.v1");
        // console.js drew the chart from its data-chart configuration
        wang.await(ExpectedConditions.attributeToBe(By.id("rejections-chart"), "data-drawn", "true"));
        wang.screenshot("console-officer-rejections");

        // by reason, through the form
        new Select(wang.find(By.id("reason"))).selectByValue("INVALID_ENUM");
        wang.find(By.id("filter")).click();
        wang.await(ExpectedConditions.urlContains("reason=INVALID_ENUM"));
        assertThat(wang.find(By.id("rejection-total")).getText()).isEqualTo("共 1 个事件");
        String list = wang.find(By.id("rejection-list")).getText();
        assertThat(list).contains("conc-rej-2", "取值不在允许范围内", "字段: data.program").doesNotContain("conc-rej-1");
        assertThat(wang.find(By.id("bank")).getAttribute("value")).isEqualTo(BANK);

        wang.go("/console/officer/rejections?bank=" + BANK + "&reason=OUT_OF_RANGE&lang=en");
        assertThat(wang.find(By.id("rejection-total")).getText()).isEqualTo("2 events in all");
        assertThat(wang.find(By.id("rejection-list")).getText()).contains("A value out of range", "conc-rej-3", "conc-rej-1");
    }

    @Test
    void aFilterIntakeRefusesIsSaidOnThePageAndAnApproverIsNotLetIn() {
        ConsoleBrowser zhao = browser().signIn("zhao");
        zhao.go("/console/officer/rejections?bank=NOT+A+BANK");
        assertThat(zhao.find(By.id("filter-refused")).getText()).isEqualTo("受理服务拒绝了该筛选条件：not a bank code: NOT A BANK");
        zhao.go("/console/officer/rejections?bank=" + BANK + "&from=2025-12-19&to=2025-12-15");
        assertThat(zhao.find(By.id("filter-refused")).getText()).contains("to (2025-12-15) is before from (2025-12-19)");
        zhao.go("/console/officer/rejections?from=yesterday&page=x");
        assertThat(zhao.find(By.id("filter-refused")).getText()).contains("'from'", "yesterday");
        assertThat(zhao.find(By.id("from")).getAttribute("value")).as("a date field cannot hold it").isEmpty();

        ConsoleBrowser li = browser().signIn("li");
        li.go("/console/officer/rejections");
        assertThat(li.mainText()).contains("无权访问");
    }

    /** Sends a loan application of {@code bank}'s, one field made wrong by replacing {@code from} with {@code to}, and waits until intake has it. */
    static void sendMalformed(String bank, String id, int firm, String from, String to) {
        String uscc = Uscc.withCheckCharacter(String.format("91310104MA%07d", firm));
        BankEvent application = new BankEvent(id, EventSource.bank(bank), OffsetDateTime.of(LocalDate.of(2025, 12, 15).atTime(10, 0),
                ZoneOffset.ofHours(8)), new LoanApplied("A-" + id, Program.LYD, true, false, new BigDecimal("3000000.00"), 12,
                new Firm(uscc, "上海拒收测试科技有限公司", "7320", "310104", 85, new BigDecimal("42000000.00"),
                        new BigDecimal("30000000.00"), List.of())));
        String json = new String(new BankEventCodec().encode(application), StandardCharsets.UTF_8);
        assertThat(json).contains(from);
        SharedInfrastructure.provisionBanks(bank);
        try (KafkaProducer<String, byte[]> producer = TopicWriter.producer(SharedInfrastructure.kafka().bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.bankEvents(bank), id, json.replace(from, to).getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** intake's API as an officer. */
    static JsonNode intakeJson(String path) {
        RestClient intake = RestClient.builder().baseUrl("http://127.0.0.1:" + intakePort())
                .defaultHeader("Authorization", "Bearer " + TOKENS.token("OFFICER"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
        return JSON.readTree(intake.get().uri(path).retrieve().body(String.class));
    }
}
