package cn.shanghai.techfinance.subsidy.nightly;

/**
 * What the nightly manager sends its workers for one slice, as JSON on
 * {@code tf.subsidy.nightly-partitions.v1}: the worker step to run and the step execution (in the
 * shared job repository) that holds the slice's context and its progress.
 */
public record PartitionRequest(String stepName, long stepExecutionId) {
}
