package cn.shanghai.techfinance.contracts.bank;

/**
 * Why an event was rejected: the field (a JSON path such as {@code data.firm.uscc}, or {@code $}
 * for the whole record), a machine-readable code and a message for the bank's integrator.
 */
public record Violation(String field, RejectionCode code, String message) {
}
