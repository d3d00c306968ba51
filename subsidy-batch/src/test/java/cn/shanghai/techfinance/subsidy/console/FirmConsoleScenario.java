package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.identity.DemoUser;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The claims of the firm's pages and the officers' overview: bank COND-SH's loans of
 * {@link LoanStoriesAccess#firmConsoleLoans} (trigger dates 2025-12-22 … 2025-12-26, which no other
 * class uses), sent once per JVM and computed by the night of 2025-12-29 (a night runs once, so
 * both classes share it). A test publishes what it needs as an officer over the API; what it left
 * PUBLISHED is withdrawn after it (other classes' nights would forfeit it and count that), and the
 * business clock is put back as it was.
 */
abstract class FirmConsoleScenario extends ConsoleTest {

    static final String BANK = "COND-SH";
    static final String FIRM_NAME = "上海条件确认科技有限公司";
    static final DemoUser FIRM = ConsoleUsers.firm(LoanStoriesAccess.uscc(9_440_001), FIRM_NAME);
    static final DemoUser OTHER_FIRM = ConsoleUsers.firm(LoanStoriesAccess.uscc(9_440_002), "上海测试科技有限公司");
    static final LocalDate NIGHT = LocalDate.of(2025, 12, 29);

    private static boolean computed;

    @Autowired
    NightlyRuns runs;

    @Autowired
    BusinessClock businessClock;

    private Optional<LocalDate> clockBefore;

    @BeforeEach
    void claimsComputedOnce() {
        clockBefore = businessClock.setDate();
        synchronized (FirmConsoleScenario.class) {
            if (!computed) {
                sendAndAwaitAccepted(LoanStoriesAccess.firmConsoleLoans(BANK, 9_440_001, FIRM_NAME));
                assertThat(runs.runToEnd(NIGHT).getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE bank_code = ?", Integer.class, BANK)).isEqualTo(5);
                computed = true;
            }
        }
    }

    @AfterEach
    void withdrawWhatIsLeftPublishedAndPutTheClockBack() {
        jdbc.update("UPDATE claim SET status = 'FORFEITED' WHERE bank_code = ? AND status = 'PUBLISHED'", BANK);
        clockBefore.ifPresent(businessClock::set);
    }

    /** Publishes the LYD claims triggered from–to on the business date {@code on}, as an officer over the API; answers its answer. */
    ResponseEntity<String> publish(LocalDate on, LocalDate from, LocalDate to) {
        businessClock.set(on);
        return api().post().uri("/api/v1/publications").contentType(MediaType.APPLICATION_JSON)
                .body("{\"program\":\"LYD_PREMIUM\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}").retrieve().toEntity(String.class);
    }

    String claimId(String approvalNo) {
        return jdbc.queryForObject("SELECT claim_id FROM claim WHERE bank_code = ? AND approval_no = ?", String.class, BANK, approvalNo);
    }

    String status(String claimId) {
        return jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claimId);
    }

    /** {@code browser} (a {@link #browser()} or a {@link #phone()}) signed in as {@code firm}. */
    ConsoleBrowser signedIn(DemoUser firm, ConsoleBrowser browser) {
        identity().add(firm);
        return browser.signIn(firm.username());
    }
}
