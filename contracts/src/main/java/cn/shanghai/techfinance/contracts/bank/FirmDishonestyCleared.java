package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Uscc;
import java.time.LocalDate;

/** {@code firm.dishonesty-cleared.v1} (credit platform): the firm's listing ends. */
public record FirmDishonestyCleared(@Uscc String uscc, LocalDate clearedOn) implements EventData {
}
