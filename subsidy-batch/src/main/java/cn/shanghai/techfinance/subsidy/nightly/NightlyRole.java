package cn.shanghai.techfinance.subsidy.nightly;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * What this process does in the nightly job ({@code subsidy.nightly.role}), one jar for all three:
 * <ul>
 *   <li>{@code standalone} (default): runs the nights, every slice on a local thread;</li>
 *   <li>{@code manager}: runs the nights, sends each slice to the workers over Kafka
 *       ({@link RemotePartitioningConfiguration}) and polls the job repository for their progress;</li>
 *   <li>{@code worker}: runs the slices it is sent; starts no night of its own (no schedule) and
 *       recovers none at start-up (the manager's night is running).</li>
 * </ul>
 */
public enum NightlyRole {
    STANDALONE, MANAGER, WORKER;

    public static final String PROPERTY = "subsidy.nightly.role";

    /** Matches unless this process is a nightly worker: for what only the process running the nights may do. */
    public static final class NotAWorker extends NoneNestedConditions {
        NotAWorker() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = PROPERTY, havingValue = "worker")
        static class Worker {
        }
    }
}
