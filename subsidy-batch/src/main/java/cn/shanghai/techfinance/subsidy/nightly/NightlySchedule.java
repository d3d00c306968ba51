package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the night of the business date before today (Asia/Shanghai) on a cron ({@code subsidy.nightly.cron}, default
 * 01:30). Off with {@code subsidy.nightly.scheduled=false} (tests and the local run drive nights
 * over HTTP instead), and on a nightly worker ({@link NightlyRole}).
 */
@Component
@ConditionalOnProperty(name = "subsidy.nightly.scheduled", havingValue = "true", matchIfMissing = true)
@Conditional(NightlyRole.NotAWorker.class)
public class NightlySchedule {

    private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);

    private final NightlyRuns runs;
    private final BusinessClock businessClock;

    public NightlySchedule(NightlyRuns runs, BusinessClock businessClock) {
        this.runs = runs;
        this.businessClock = businessClock;
    }

    @Scheduled(cron = "${subsidy.nightly.cron:0 30 1 * * *}", zone = "Asia/Shanghai")
    public void runYesterday() {
        LocalDate yesterday = businessClock.today().minusDays(1);
        log.info("starting the night of {}", yesterday);
        runs.launch(yesterday);
    }
}
