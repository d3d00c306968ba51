package cn.shanghai.techfinance.subsidy.settlement;

import org.springframework.batch.core.listener.StepListener;

/**
 * A listener the settlement preparation's chunk step picks up from the context (e.g. for tests that
 * interrupt a preparation to prove it restarts cleanly).
 */
public interface SettlementStepListener extends StepListener {
}
