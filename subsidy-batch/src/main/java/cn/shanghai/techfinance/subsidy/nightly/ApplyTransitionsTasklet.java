package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.lifecycle.AutomaticTransitions;
import cn.shanghai.techfinance.subsidy.lifecycle.PendingTransition;
import java.time.LocalDate;
import java.util.Iterator;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of a night: applies every automatic transition effective by D, in effective-date order
 * (forfeitures before cancellations on one date), {@code perChunk} to a transaction. The pending
 * transitions are listed when the step starts; a restarted step lists them again, and those a
 * crashed attempt committed are no longer pending (their claims moved on, their defaults and
 * cancellations are processed), so each is applied once.
 */
class ApplyTransitionsTasklet implements Tasklet {

    private final LocalDate businessDate;
    private final AutomaticTransitions transitions;
    private final int perChunk;
    private Iterator<PendingTransition> pending;

    ApplyTransitionsTasklet(LocalDate businessDate, AutomaticTransitions transitions, int perChunk) {
        this.businessDate = businessDate;
        this.transitions = transitions;
        this.perChunk = perChunk;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (pending == null) {
            pending = transitions.pendingBy(businessDate).iterator();
        }
        // the step's counts, for the progress API: transitions judged, claims changed
        for (int i = 0; i < perChunk && pending.hasNext(); i++) {
            contribution.incrementReadCount();
            contribution.incrementWriteCount(transitions.apply(pending.next(), businessDate));
        }
        return RepeatStatus.continueIf(pending.hasNext());
    }
}
