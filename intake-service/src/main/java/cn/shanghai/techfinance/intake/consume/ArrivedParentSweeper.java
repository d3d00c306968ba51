package cn.shanghai.techfinance.intake.consume;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies, every {@code intake.parking.arrival-check-interval}, the parked events whose parent is
 * in the ledger after all ({@link IntakeProcessor#applyArrivedParents}): a child and its parent on
 * different partitions, decided side by side by two consumers, can leave the child parked.
 */
@Component
public class ArrivedParentSweeper {

    private static final int FACTS_PER_ROUND = 500;

    private final IntakeProcessor processor;

    public ArrivedParentSweeper(IntakeProcessor processor) {
        this.processor = processor;
    }

    @Scheduled(fixedDelayString = "${intake.parking.arrival-check-interval:5s}",
            initialDelayString = "${intake.parking.arrival-check-interval:5s}")
    public void sweepOnSchedule() {
        sweep();
    }

    /** Applies what waits for a parent already in the ledger; returns how many awaited facts it found. */
    public int sweep() {
        int total = 0;
        int found;
        do {
            found = processor.applyArrivedParents(FACTS_PER_ROUND);
            total += found;
        } while (found == FACTS_PER_ROUND);
        return total;
    }
}
