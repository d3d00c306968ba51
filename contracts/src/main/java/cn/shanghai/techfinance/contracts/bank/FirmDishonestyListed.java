package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Uscc;
import java.time.LocalDate;

/** {@code firm.dishonesty-listed.v1} (credit platform): the firm is listed as seriously dishonest (严重失信). */
public record FirmDishonestyListed(@Uscc String uscc, LocalDate listedOn) implements EventData {
}
