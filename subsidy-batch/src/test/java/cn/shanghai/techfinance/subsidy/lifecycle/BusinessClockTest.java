package cn.shanghai.techfinance.subsidy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.subsidy.api.BusinessClockController;
import cn.shanghai.techfinance.subsidy.api.BusinessClockController.SetBusinessDate;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import cn.shanghai.techfinance.subsidy.nightly.NightlySchedule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The business clock without a context: its start-up guard, its date, who may set it, and the nightly schedule's use of it. */
class BusinessClockTest {

    /** 2026-03-31 17:30 UTC: already 2026-04-01 in Shanghai. */
    private static final Clock WALL = Clock.fixed(Instant.parse("2026-03-31T17:30:00Z"), ZoneOffset.UTC);
    private static final String ISSUER = "https://sso.sh.gov.example/realms/techfinance";

    @Test
    void simulationIsRefusedAtStartUpWithARealIssuer() {
        assertThatThrownBy(() -> new BusinessClock(WALL, true, ISSUER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused").hasMessageContaining(ISSUER);
        assertThat(new BusinessClock(WALL, false, ISSUER).isSimulation()).isFalse();
        assertThat(new BusinessClock(WALL, true, "").isSimulation()).isTrue();
    }

    @Test
    void todayIsTheShanghaiDateUntilASimulatedDateIsSet() {
        BusinessClock clock = new BusinessClock(WALL, true, "");
        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(clock.setDate()).isEmpty();
        clock.set(LocalDate.of(2026, 7, 6));
        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 7, 6));
        assertThat(clock.setDate()).contains(LocalDate.of(2026, 7, 6));
    }

    @Test
    void outsideSimulationTheDateCannotBeSetAndThePutDoesNotExist() {
        BusinessClock production = new BusinessClock(WALL, false, ISSUER);
        assertThatThrownBy(() -> production.set(LocalDate.of(2026, 7, 6))).isInstanceOf(IllegalStateException.class);

        BusinessClockController controller = new BusinessClockController(production);
        assertThatThrownBy(() -> controller.set(new SetBusinessDate(LocalDate.of(2026, 7, 6))))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(production.today()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(controller.today().simulation()).isFalse();
    }

    @Test
    void theScheduledNightIsTheBusinessDayBeforeTheBusinessClocksToday() {
        List<LocalDate> launched = new ArrayList<>();
        NightlyRuns runs = new NightlyRuns(null, null, null) {
            @Override
            public synchronized JobExecution launch(LocalDate businessDate) {
                launched.add(businessDate);
                return null;
            }
        };
        BusinessClock clock = new BusinessClock(WALL, true, "");
        NightlySchedule schedule = new NightlySchedule(runs, clock);
        schedule.runYesterday();
        clock.set(LocalDate.of(2026, 8, 1));
        schedule.runYesterday();
        assertThat(launched).containsExactly(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 7, 31));
    }
}
