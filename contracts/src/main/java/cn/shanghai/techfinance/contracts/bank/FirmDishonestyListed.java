package cn.shanghai.techfinance.contracts.bank;

import java.time.LocalDate;

/** {@code firm.dishonesty-listed.v1} (credit platform): the firm is listed as seriously dishonest (严重失信). */
public record FirmDishonestyListed(String uscc, LocalDate listedOn) implements EventData {
}
