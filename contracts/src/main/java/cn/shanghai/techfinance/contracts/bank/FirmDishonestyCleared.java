package cn.shanghai.techfinance.contracts.bank;

import java.time.LocalDate;

/** {@code firm.dishonesty-cleared.v1} (credit platform): the firm's listing ends. */
public record FirmDishonestyCleared(String uscc, LocalDate clearedOn) implements EventData {
}
