package cn.shanghai.techfinance.subsidy.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * A settlement's preparation that dies in the middle of building its payment instructions,
 * restarted, gives what an uninterrupted one gives: every instruction once, with its number, every
 * claim in exactly one instruction, then PREPARED.
 */
@Import(PreparationRestartTest.CrashOnce.class)
@TestPropertySource(properties = "subsidy.settlement.instructions-per-chunk=2")
class PreparationRestartTest extends EndToEndTest {

    private static final int FIRMS = 5;

    /** Fails the second chunk write of the preparation it is armed for, as a crash there would. */
    @TestConfiguration
    static class CrashOnce {
        static final AtomicInteger writesUntilCrash = new AtomicInteger(-1);

        @Bean
        SettlementStepListener crashOnSecondWrite() {
            return new CrashingListener();
        }

        static class CrashingListener implements SettlementStepListener, ItemWriteListener<Object> {
            @Override
            public void beforeWrite(Chunk<?> items) {
                if (writesUntilCrash.getAndDecrement() == 0) {
                    throw new IllegalStateException("simulated crash in the middle of a settlement's preparation");
                }
            }
        }
    }

    @Autowired
    ClaimStore claimStore;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    BusinessClock businessClock;

    @Autowired
    SettlementPreparations preparations;

    @Test
    void aRestartedPreparationBuildsEachInstructionOnce() {
        businessClock.set(LocalDate.of(2026, 6, 10));
        ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-RESTART");
        for (int i = 0; i < FIRMS; i++) {
            String uscc = LoanStoriesAccess.uscc(9_100_100 + i);
            // two claims to one account, each firm: one instruction per firm
            claims.confirmed("P" + i + "a", uscc, LocalDate.of(2019, 9, 2), "10.00", "62220000001000" + i);
            claims.confirmed("P" + i + "b", uscc, LocalDate.of(2019, 9, 3), "5.00", "62220000001000" + i);
        }

        CrashOnce.writesUntilCrash.set(1);
        ResponseEntity<String> answer = api().post().uri("/api/v1/settlements").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("program", "LYD_PREMIUM", "from", "2019-09-01", "to", "2019-09-30")).retrieve().toEntity(String.class);
        JsonNode preparing = SettlementApiTest.json(answer, HttpStatus.ACCEPTED);
        long id = preparing.get("id").asLong();
        assertThat(answer.getHeaders().getLocation()).hasToString("/api/v1/settlements/" + id);
        assertThat(preparing.get("state").asString()).isEqualTo("PREPARING");
        JobExecution crashed = preparations.last(id).orElseThrow();
        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        // the first chunk (two instructions) stands, the second was rolled back, the last step never ran
        assertThat(instructionIds(id)).containsExactly("S" + id + "-00001", "S" + id + "-00002");
        assertThat(crashed.getStepExecutions()).singleElement()
                .satisfies(s -> assertThat(s.getStepName()).isEqualTo("buildPaymentInstructions"))
                .satisfies(s -> assertThat(s.getWriteCount()).isEqualTo(2));
        assertThat(SettlementApiTest.json(api(TOKENS.token("APPROVER")).post().uri("/api/v1/settlements/" + id + "/approval")
                .retrieve().toEntity(String.class), HttpStatus.CONFLICT).get("detail").asString()).contains("still being prepared");

        ResponseEntity<String> resumed = api().post().uri("/api/v1/settlements/" + id + "/preparation").retrieve().toEntity(String.class);
        JsonNode prepared = SettlementApiTest.json(resumed, HttpStatus.OK);
        assertThat(prepared.get("state").asString()).isEqualTo("PREPARED");
        JobExecution restarted = preparations.last(id).orElseThrow();
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(crashed.getJobInstance().getInstanceId());
        assertThat(restarted.getStepExecutions()).filteredOn(s -> s.getStepName().equals("buildPaymentInstructions")).singleElement()
                .satisfies(s -> assertThat(s.getReadCount()).isEqualTo(FIRMS - 2))
                .satisfies(s -> assertThat(s.getWriteCount()).isEqualTo(FIRMS - 2));

        List<String> expected = IntStream.rangeClosed(1, FIRMS).mapToObj(n -> String.format("S%d-%05d", id, n)).toList();
        assertThat(instructionIds(id)).isEqualTo(expected);
        assertThat(prepared.get("instructions").valueStream().map(i -> i.get("id").asString()).toList()).isEqualTo(expected);
        assertThat(prepared.get("instructions")).allSatisfy(i -> {
            assertThat(i.get("claimCount").asInt()).isEqualTo(2);
            assertThat(i.get("amount").decimalValue()).isEqualByComparingTo("15.00");
        });
        assertThat(prepared.get("count").asInt()).isEqualTo(FIRMS * 2);
        assertThat(prepared.get("controlTotal").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_claim WHERE settlement_id = ? AND instruction_id IS NULL",
                Integer.class, id)).isZero();
        // resuming a prepared settlement changes nothing
        assertThat(SettlementApiTest.json(api().post().uri("/api/v1/settlements/" + id + "/preparation").retrieve()
                .toEntity(String.class), HttpStatus.OK)).isEqualTo(prepared);
    }

    private List<String> instructionIds(long settlementId) {
        return jdbc.queryForList("SELECT id FROM payment_instruction WHERE settlement_id = ? ORDER BY id", String.class, settlementId);
    }
}
