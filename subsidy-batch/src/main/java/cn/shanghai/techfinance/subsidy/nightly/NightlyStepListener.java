package cn.shanghai.techfinance.subsidy.nightly;

import org.springframework.batch.core.listener.StepListener;

/**
 * A listener the chunk step of the nightly job picks up from the context (e.g. for auditing, or
 * for tests that interrupt a night to prove it restarts cleanly).
 */
public interface NightlyStepListener extends StepListener {
}
