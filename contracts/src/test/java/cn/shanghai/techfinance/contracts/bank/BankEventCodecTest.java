package cn.shanghai.techfinance.contracts.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The strict codec of contracts/bank-events.md: what it accepts exactly, and why it rejects. */
class BankEventCodecTest {

    /** The contract's placeholder USCC with a valid GB 32100-2015 check character. */
    static final String USCC = Uscc.withCheckCharacter("91310115MA1K4XXXX");
    private static final String PLACEHOLDER = "91310115MA1K4XXXXX";

    /** The example stream of bank-events.md, verbatim but for the USCC. */
    static final List<String> CONTRACT_EXAMPLE = """
            {"specversion":"1.0","id":"e1","source":"bank/ICBC-SH","type":"loan.applied.v1","time":"2025-09-20T09:00:00+08:00","data":{"applicationNo":"A-001","program":"LYD","firstLoan":true,"creditLoan":false,"requestedAmount":"3000000.00","termMonths":12,"firm":{"uscc":"91310115MA1K4XXXXX","name":"上海示例科技有限公司","industryCode":"7320","registeredDistrict":"310115","employees":85,"annualRevenue":"42000000.00","totalAssets":"30000000.00","qualifications":[]}}}
            {"specversion":"1.0","id":"e2","source":"bank/ICBC-SH","type":"loan.approved.v1","time":"2025-09-25T09:00:00+08:00","data":{"applicationNo":"A-001","approvalNo":"P-001","approvedAmount":"3000000.00"}}
            {"specversion":"1.0","id":"e3","source":"bank/ICBC-SH","type":"loan.disbursed.v1","time":"2025-10-01T09:00:00+08:00","data":{"contractNo":"C-001","approvalNo":"P-001","principal":"3000000.00","annualRate":"0.0345","lpr1y":"0.0300","disbursedOn":"2025-10-01","maturityOn":"2026-09-30"}}
            {"specversion":"1.0","id":"e4","source":"bank/ICBC-SH","type":"policy.issued.v1","time":"2025-10-01T10:00:00+08:00","data":{"policyNo":"Y-001","insurerCode":"PICC-SH","contractNo":"C-001","insuredAmount":"3000000.00","premiumRate":"0.015","premium":"45000.00","issuedOn":"2025-10-01"}}
            {"specversion":"1.0","id":"e5","source":"bank/ICBC-SH","type":"premium.paid.v1","time":"2025-10-10T10:00:00+08:00","data":{"policyNo":"Y-001","amount":"45000.00","paidOn":"2025-10-10"}}
            {"specversion":"1.0","id":"e6","source":"bank/ICBC-SH","type":"loan.settled.v1","time":"2026-03-15T16:00:00+08:00","data":{"contractNo":"C-001","settledOn":"2026-03-15"}}
            """.lines().map(line -> line.replace(PLACEHOLDER, USCC)).toList();

    /** One valid event of every type (the contract's where it has one), for round trips and mutations. */
    static final Map<EventType, String> VALID = Map.ofEntries(
            Map.entry(EventType.LOAN_APPLIED, CONTRACT_EXAMPLE.get(0)),
            Map.entry(EventType.LOAN_APPROVED, CONTRACT_EXAMPLE.get(1)),
            Map.entry(EventType.LOAN_REJECTED, bank("x3", "loan.rejected.v1",
                    "{\"applicationNo\":\"A-002\",\"reason\":\"资料不全 (incomplete documents)\"}")),
            Map.entry(EventType.LOAN_DISBURSED, CONTRACT_EXAMPLE.get(2)),
            Map.entry(EventType.POLICY_ISSUED, CONTRACT_EXAMPLE.get(3)),
            Map.entry(EventType.PREMIUM_PAID, CONTRACT_EXAMPLE.get(4)),
            Map.entry(EventType.POLICY_CANCELLED, bank("x7", "policy.cancelled.v1",
                    "{\"policyNo\":\"Y-001\",\"cancelledOn\":\"2026-01-10\"}")),
            Map.entry(EventType.INTEREST_PAID, bank("x8", "interest.paid.v1",
                    "{\"contractNo\":\"C-002\",\"installmentNo\":1,\"periodStart\":\"2025-10-01\",\"periodEnd\":\"2025-10-31\","
                            + "\"interestAmount\":\"8625.00\",\"dueOn\":\"2025-10-31\",\"paidOn\":\"2025-10-31\"}")),
            Map.entry(EventType.PRINCIPAL_REPAID, bank("x9", "principal.repaid.v1",
                    "{\"contractNo\":\"C-002\",\"amount\":\"500000\",\"dueOn\":\"2026-03-31\",\"paidOn\":\"2026-04-01\"}")),
            Map.entry(EventType.LOAN_OVERDUE, bank("x10", "loan.overdue.v1",
                    "{\"contractNo\":\"C-002\",\"dueOn\":\"2026-04-30\",\"overdueAmount\":\"12000.5\"}")),
            Map.entry(EventType.LOAN_SETTLED, CONTRACT_EXAMPLE.get(5)),
            Map.entry(EventType.LOAN_DEFAULTED, bank("x12", "loan.defaulted.v1",
                    "{\"contractNo\":\"C-002\",\"defaultedOn\":\"2026-07-31\",\"outstandingPrincipal\":\"2500000.00\","
                            + "\"outstandingInterest\":\"43125.70\"}")),
            Map.entry(EventType.FIRM_DISHONESTY_LISTED, credit("x13", "firm.dishonesty-listed.v1",
                    "{\"uscc\":\"" + USCC + "\",\"listedOn\":\"2026-02-01\"}")),
            Map.entry(EventType.FIRM_DISHONESTY_CLEARED, credit("x14", "firm.dishonesty-cleared.v1",
                    "{\"uscc\":\"" + USCC + "\",\"clearedOn\":\"2026-08-01\"}")),
            Map.entry(EventType.TECH_POLICY_ISSUED, insurer("t1", "techpolicy.issued.v1", """
                    {"policyNo":"TP-001","line":"RD_EXPENSE_LOSS","firm":{"uscc":"%s","name":"上海示例科技有限公司",
                     "industryCode":"7320","registeredDistrict":"310115","employees":85,"annualRevenue":"42000000.00",
                     "totalAssets":"30000000.00","qualifications":[{"type":"HNTE","certNo":"GR202331001234",
                     "validFrom":"2023-11-15","validTo":"2026-11-14"}]},"insuredAmount":"5000000.00","premium":"60000.00",
                     "startOn":"2026-01-06","endOn":"2027-01-05"}""".formatted(USCC))),
            Map.entry(EventType.TECH_PREMIUM_PAID, insurer("t2", "techpolicy.premium-paid.v1",
                    "{\"policyNo\":\"TP-001\",\"amount\":\"30000.00\",\"paidOn\":\"2026-01-10\"}")),
            Map.entry(EventType.TECH_POLICY_CANCELLED, insurer("t3", "techpolicy.cancelled.v1",
                    "{\"policyNo\":\"TP-001\",\"cancelledOn\":\"2026-06-30\"}")));

    /** An HKZD application with qualifications, and a renewal: the optional and nested parts. */
    static final String HKZD_APPLICATION = bank("x1b", "loan.applied.v1", """
            {"applicationNo":"A-002","program":"HKZD","firstLoan":false,"creditLoan":true,"requestedAmount":"5000000",
             "termMonths":120,"firm":{"uscc":"%s","name":"上海示例科技有限公司","industryCode":"6513",
             "registeredDistrict":"310104","employees":0,"annualRevenue":"0.00","totalAssets":"1.5",
             "qualifications":[{"type":"HNTE","certNo":"GR202331001234","validFrom":"2023-11-15","validTo":"2026-11-14"},
                               {"type":"SRDI_GIANT","certNo":"ZJTX-2024-001","validFrom":"2024-01-01","validTo":"2024-01-01"}]}}
            """.formatted(USCC));
    static final String RENEWAL = bank("x4b", "loan.disbursed.v1", """
            {"contractNo":"C-002","approvalNo":"P-001","principal":"3000000.00","annualRate":"0","lpr1y":"0.999999",
             "disbursedOn":"2026-09-30","maturityOn":"2027-09-29","renewalOf":"C-001"}""");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final BankEventCodec codec = new BankEventCodec();

    // ---- the contract's example stream ----

    @Test
    void contractExampleStreamDecodesToTheExpectedRecords() {
        List<BankEvent> events = CONTRACT_EXAMPLE.stream().map(this::decoded).toList();

        Firm firm = new Firm(USCC, "上海示例科技有限公司", "7320", "310115", 85,
                new BigDecimal("42000000.00"), new BigDecimal("30000000.00"), List.of());
        assertThat(events).containsExactly(
                new BankEvent("e1", "bank/ICBC-SH", OffsetDateTime.parse("2025-09-20T09:00:00+08:00"),
                        new LoanApplied("A-001", Program.LYD, true, false, new BigDecimal("3000000.00"), 12, firm)),
                new BankEvent("e2", "bank/ICBC-SH", OffsetDateTime.parse("2025-09-25T09:00:00+08:00"),
                        new LoanApproved("A-001", "P-001", new BigDecimal("3000000.00"))),
                new BankEvent("e3", "bank/ICBC-SH", OffsetDateTime.parse("2025-10-01T09:00:00+08:00"),
                        new LoanDisbursed("C-001", "P-001", new BigDecimal("3000000.00"), new BigDecimal("0.0345"),
                                new BigDecimal("0.0300"), LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30), null)),
                new BankEvent("e4", "bank/ICBC-SH", OffsetDateTime.parse("2025-10-01T10:00:00+08:00"),
                        new PolicyIssued("Y-001", "PICC-SH", "C-001", new BigDecimal("3000000.00"), new BigDecimal("0.015"),
                                new BigDecimal("45000.00"), LocalDate.of(2025, 10, 1))),
                new BankEvent("e5", "bank/ICBC-SH", OffsetDateTime.parse("2025-10-10T10:00:00+08:00"),
                        new PremiumPaid("Y-001", new BigDecimal("45000.00"), LocalDate.of(2025, 10, 10))),
                new BankEvent("e6", "bank/ICBC-SH", OffsetDateTime.parse("2026-03-15T16:00:00+08:00"),
                        new LoanSettled("C-001", LocalDate.of(2026, 3, 15))));
        assertThat(events).extracting(BankEvent::type).containsExactly(EventType.LOAN_APPLIED, EventType.LOAN_APPROVED,
                EventType.LOAN_DISBURSED, EventType.POLICY_ISSUED, EventType.PREMIUM_PAID, EventType.LOAN_SETTLED);
    }

    @Test
    void decimalsKeepTheirExactScale() {
        LoanDisbursed disbursed = (LoanDisbursed) decoded(CONTRACT_EXAMPLE.get(2)).data();
        PolicyIssued issued = (PolicyIssued) decoded(CONTRACT_EXAMPLE.get(3)).data();

        assertThat(disbursed.principal()).isEqualTo(new BigDecimal("3000000.00")).hasScaleOf(2);
        assertThat(disbursed.annualRate().toPlainString()).isEqualTo("0.0345");
        assertThat(disbursed.lpr1y()).hasScaleOf(4).isEqualTo(new BigDecimal("0.0300"));
        assertThat(issued.premiumRate()).hasScaleOf(3).isEqualTo(new BigDecimal("0.015"));
        assertThat(((PrincipalRepaid) decoded(VALID.get(EventType.PRINCIPAL_REPAID)).data()).amount())
                .isEqualTo(new BigDecimal("500000")).hasScaleOf(0);
    }

    @Test
    void optionalAndNestedPartsDecode() {
        LoanApplied applied = (LoanApplied) decoded(HKZD_APPLICATION).data();
        LoanDisbursed renewal = (LoanDisbursed) decoded(RENEWAL).data();

        assertThat(applied.program()).isEqualTo(Program.HKZD);
        assertThat(applied.firm().qualifications()).containsExactly(
                new Qualification(QualificationType.HNTE, "GR202331001234", LocalDate.of(2023, 11, 15), LocalDate.of(2026, 11, 14)),
                new Qualification(QualificationType.SRDI_GIANT, "ZJTX-2024-001", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1)));
        assertThat(renewal.renewalOf()).isEqualTo("C-001");
        assertThat(renewal.parents()).containsExactly(new Reference(Reference.Kind.APPROVAL, "P-001", "data.approvalNo"),
                new Reference(Reference.Kind.CONTRACT, "C-001", "data.renewalOf"));
    }

    @Test
    void anOptionalFieldMayBeNull() {
        ObjectNode event = tree(CONTRACT_EXAMPLE.get(2));
        data(event).putNull("renewalOf");

        assertThat(((LoanDisbursed) decoded(bytes(event)).data()).renewalOf()).isNull();
    }

    @Test
    void datacontenttypeIsOptionalAndApplicationJsonIsAccepted() {
        ObjectNode event = tree(CONTRACT_EXAMPLE.get(5));
        event.put("datacontenttype", "application/json");

        assertThat(codec.decode(bytes(event))).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void unknownEnvelopeAttributesAreCloudEventsExtensionsAndIgnored() {
        ObjectNode event = tree(CONTRACT_EXAMPLE.get(5));
        event.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(codec.decode(bytes(event))).isInstanceOf(DecodeResult.Decoded.class);
    }

    // ---- encoding ----

    static Stream<String> everyValidEvent() {
        return Stream.concat(VALID.values().stream(), Stream.of(HKZD_APPLICATION, RENEWAL));
    }

    @ParameterizedTest
    @MethodSource("everyValidEvent")
    void encodeThenDecodeGivesTheSameEvent(String json) {
        BankEvent event = decoded(json);

        BankEvent again = decoded(codec.encode(event));

        assertThat(again).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("everyValidEvent")
    void encodingWritesTheContractsWireFormBackExactly(String json) {
        byte[] encoded = codec.encode(decoded(json));

        ObjectNode expected = tree(json);
        expected.put("datacontenttype", BankEvent.CONTENT_TYPE);
        assertThat(JSON.readTree(encoded)).isEqualTo(expected);
    }

    @Test
    void coversEveryEventType() {
        assertThat(VALID).containsOnlyKeys(EventType.values());
        VALID.forEach((type, json) -> assertThat(decoded(json).type()).isEqualTo(type));
    }

    @Test
    void anAbsentOptionalFieldIsNotWritten() {
        JsonNode encoded = JSON.readTree(codec.encode(decoded(CONTRACT_EXAMPLE.get(2))));

        assertThat(encoded.get("data").has("renewalOf")).isFalse();
    }

    // ---- malformed records: the whole record ----

    @Test
    void notJson() {
        assertOnly(codec.decode(utf8("this is not json")), "$", RejectionCode.MALFORMED_JSON);
        assertOnly(codec.decode(new byte[] {(byte) 0xC3, (byte) 0x28}), "$", RejectionCode.MALFORMED_JSON);
        assertOnly(codec.decode(new byte[0]), "$", RejectionCode.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"loan.applied.v1\"", "42", "null", "true"})
    void notAnObject(String json) {
        assertOnly(codec.decode(utf8(json)), "$", RejectionCode.MALFORMED_JSON);
    }

    @Test
    void duplicateKeys() {
        String envelope = CONTRACT_EXAMPLE.get(5).replace("\"id\":\"e6\",", "\"id\":\"e6\",\"id\":\"e7\",");
        String inData = CONTRACT_EXAMPLE.get(5).replace("\"contractNo\":\"C-001\",",
                "\"contractNo\":\"C-001\",\"contractNo\":\"C-002\",");

        assertOnly(codec.decode(utf8(envelope)), "$", RejectionCode.MALFORMED_JSON);
        assertOnly(codec.decode(utf8(inData)), "$", RejectionCode.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {" {}", "{\"a\":1}", " x", ",", "]"})
    void trailingGarbage(String trailer) {
        DecodeResult result = codec.decode(utf8(CONTRACT_EXAMPLE.get(5) + trailer));

        assertOnly(result, "$", RejectionCode.MALFORMED_JSON);
        assertThat(((DecodeResult.Rejected) result).identifiable()).isFalse();
    }

    @Test
    void trailingWhitespaceIsFine() {
        assertThat(codec.decode(utf8(CONTRACT_EXAMPLE.get(5) + " \n"))).isInstanceOf(DecodeResult.Decoded.class);
    }

    // ---- the envelope ----

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "time", "data"})
    void missingEnvelopeField(String name) {
        ObjectNode absent = tree(CONTRACT_EXAMPLE.get(5));
        absent.remove(name);
        ObjectNode isNull = tree(CONTRACT_EXAMPLE.get(5));
        isNull.putNull(name);

        assertOnly(absent, name, RejectionCode.MISSING_FIELD);
        assertOnly(isNull, name, RejectionCode.MISSING_FIELD);
    }

    @Test
    void missingEnvelopeFieldsAreReportedInTheContractsOrder() {
        assertThat(rejected(utf8("{}")).violations()).extracting(Violation::field, Violation::code).containsExactly(
                tuple("specversion", RejectionCode.MISSING_FIELD), tuple("id", RejectionCode.MISSING_FIELD),
                tuple("source", RejectionCode.MISSING_FIELD), tuple("type", RejectionCode.MISSING_FIELD),
                tuple("time", RejectionCode.MISSING_FIELD), tuple("data", RejectionCode.MISSING_FIELD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "time", "datacontenttype"})
    void envelopeAttributeThatIsNotAString(String name) {
        assertOnly(envelope(e -> e.put(name, 1)), name, RejectionCode.WRONG_TYPE);
    }

    @Test
    void emptyId() {
        DecodeResult.Rejected rejected = assertOnly(envelope(e -> e.put("id", "")), "id", RejectionCode.INVALID_FORMAT);

        assertThat(rejected.identifiable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1", "1.0.0", "2.0", ""})
    void wrongSpecversion(String version) {
        assertOnly(envelope(e -> e.put("specversion", version)), "specversion", RejectionCode.UNSUPPORTED_SPECVERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bank/icbc-sh", "bank/", "bank/A", "bank/ICBC_SH", "bank/ICBC-SH/branch", "Bank/ICBC-SH",
            "ICBC-SH", "bank/ICBC-SH-PUDONG-BRANCH", "credit", "https://icbc.com.cn", ""})
    void badSourceForm(String source) {
        assertOnly(envelope(e -> e.put("source", source)), "source", RejectionCode.INVALID_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loan.restructured.v1", "loan.applied.v2", "loan.applied", "LOAN_APPLIED", "Loan.Applied.v1", ""})
    void unknownType(String type) {
        DecodeResult.Rejected rejected = assertOnly(envelope(e -> e.put("type", type)), "type", RejectionCode.UNKNOWN_TYPE);

        assertThat(rejected.type()).as("the type as read, for the sender").isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"FIRM_DISHONESTY_LISTED", "FIRM_DISHONESTY_CLEARED"})
    void creditPlatformTypeFromABank(EventType type) {
        ObjectNode event = tree(VALID.get(type));
        event.put("source", "bank/ICBC-SH");

        assertOnly(event, "source", RejectionCode.SOURCE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"TECH_POLICY_ISSUED", "TECH_PREMIUM_PAID", "TECH_POLICY_CANCELLED"})
    void insurerTypeFromABankOrTheCreditPlatform(EventType type) {
        for (String source : List.of("bank/ICBC-SH", "credit-platform")) {
            ObjectNode event = tree(VALID.get(type));
            event.put("source", source);

            assertOnly(event, "source", RejectionCode.SOURCE_MISMATCH);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"TECH_POLICY_ISSUED", "TECH_PREMIUM_PAID", "TECH_POLICY_CANCELLED"},
            mode = EnumSource.Mode.EXCLUDE)
    void bankOrCreditTypeFromAnInsurer(EventType type) {
        ObjectNode event = tree(VALID.get(type));
        event.put("source", "insurer/PICC-SH");

        assertOnly(event, "source", RejectionCode.SOURCE_MISMATCH);
    }

    @Test
    void techPolicyLinesAndPeriod() {
        ObjectNode otherLine = tree(VALID.get(EventType.TECH_POLICY_ISSUED));
        ((ObjectNode) otherLine.get("data")).put("line", "OTHER");
        ObjectNode unknownLine = tree(VALID.get(EventType.TECH_POLICY_ISSUED));
        ((ObjectNode) unknownLine.get("data")).put("line", "CYBER");
        ObjectNode oneDay = tree(VALID.get(EventType.TECH_POLICY_ISSUED));
        ((ObjectNode) oneDay.get("data")).put("endOn", "2026-01-06");
        ObjectNode endsBeforeStart = tree(VALID.get(EventType.TECH_POLICY_ISSUED));
        ((ObjectNode) endsBeforeStart.get("data")).put("endOn", "2026-01-05");

        assertThat(((TechPolicyIssued) decoded(bytes(otherLine)).data()).line()).isEqualTo(TechPolicyLine.OTHER);
        assertOnly(unknownLine, "data.line", RejectionCode.INVALID_ENUM);
        assertThat(((TechPolicyIssued) decoded(bytes(oneDay)).data()).endOn()).isEqualTo(LocalDate.of(2026, 1, 6));
        assertOnly(endsBeforeStart, "data.endOn", RejectionCode.INCONSISTENT);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"FIRM_DISHONESTY_LISTED", "FIRM_DISHONESTY_CLEARED",
            "TECH_POLICY_ISSUED", "TECH_PREMIUM_PAID", "TECH_POLICY_CANCELLED"}, mode = EnumSource.Mode.EXCLUDE)
    void bankTypeFromTheCreditPlatform(EventType type) {
        ObjectNode event = tree(VALID.get(type));
        event.put("source", "credit-platform");

        assertOnly(event, "source", RejectionCode.SOURCE_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-20T09:00:00", "2025-09-20 09:00:00+08:00", "2025-02-30T09:00:00+08:00",
            "2025-09-20T25:00:00+08:00", "2025-09-20", "20250920T090000+0800", "yesterday", "1758330000", ""})
    void badTime(String time) {
        assertOnly(envelope(e -> e.put("time", time)), "time", RejectionCode.INVALID_FORMAT);
    }

    @Test
    void timeWithZuluOffsetOrFractionIsFine() {
        assertThat(decoded(bytes(envelope(e -> e.put("time", "2026-03-15T08:00:00.123Z")))).time())
                .isEqualTo(OffsetDateTime.parse("2026-03-15T08:00:00.123Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/cloudevents+json", "json", ""})
    void wrongDatacontenttype(String contentType) {
        assertOnly(envelope(e -> e.put("datacontenttype", contentType)), "datacontenttype", RejectionCode.INVALID_FORMAT);
    }

    @Test
    void dataThatIsNotAnObject() {
        assertOnly(envelope(e -> e.put("data", "C-001")), "data", RejectionCode.WRONG_TYPE);
        assertOnly(envelope(e -> e.putArray("data")), "data", RejectionCode.WRONG_TYPE);
    }

    // ---- data: presence ----

    @Test
    void missingDataField() {
        assertOnly(data(EventType.LOAN_SETTLED, d -> d.remove("settledOn")), "data.settledOn", RejectionCode.MISSING_FIELD);
        assertOnly(data(EventType.LOAN_SETTLED, d -> d.putNull("contractNo")), "data.contractNo", RejectionCode.MISSING_FIELD);
        assertOnly(data(EventType.LOAN_APPLIED, d -> ((ObjectNode) d.get("firm")).remove("qualifications")),
                "data.firm.qualifications", RejectionCode.MISSING_FIELD);
    }

    @Test
    void unknownDataField() {
        assertOnly(data(EventType.LOAN_SETTLED, d -> d.put("settledAmount", "1.00")),
                "data.settledAmount", RejectionCode.UNKNOWN_FIELD);
        assertOnly(data(EventType.LOAN_APPLIED, d -> ((ObjectNode) d.get("firm")).put("legalPerson", "张三")),
                "data.firm.legalPerson", RejectionCode.UNKNOWN_FIELD);
    }

    // ---- data: money and rates ----

    @ParameterizedTest
    @ValueSource(strings = {"45000.000", "-45000.00", "+45000.00", "4.5E4", "4.5e4", "45,000.00", "45 000.00",
            "45000.", ".50", "12345678901234567", "0x1A", " 45000.00", "45000.00 ", "", "NaN", "４５０００"})
    void malformedMoney(String amount) {
        assertOnly(data(EventType.PREMIUM_PAID, d -> d.put("amount", amount)), "data.amount", RejectionCode.INVALID_FORMAT);
    }

    @Test
    void moneyAsAJsonNumber() {
        assertOnly(data(EventType.PREMIUM_PAID, d -> d.put("amount", new BigDecimal("45000.00"))),
                "data.amount", RejectionCode.WRONG_TYPE);
        assertOnly(data(EventType.PREMIUM_PAID, d -> d.put("amount", 45000)), "data.amount", RejectionCode.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.5", "45000.5", "9999999999999999.99"})
    void moneyAtTheEdgesOfItsForm(String amount) {
        PremiumPaid paid = (PremiumPaid) decoded(bytes(data(EventType.PREMIUM_PAID, d -> d.put("amount", amount)))).data();

        assertThat(paid.amount()).isEqualTo(new BigDecimal(amount));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0", "1.000000", "2.5", "10"})
    void rateOfOneOrMore(String rate) {
        assertOnly(data(EventType.LOAN_DISBURSED, d -> d.put("annualRate", rate)), "data.annualRate", RejectionCode.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0345001", "0.1234567", "-0.01", "3.45%", ".0345", "3.45e-2", ""})
    void malformedRate(String rate) {
        assertOnly(data(EventType.LOAN_DISBURSED, d -> d.put("annualRate", rate)), "data.annualRate", RejectionCode.INVALID_FORMAT);
    }

    @Test
    void rateAsAJsonNumber() {
        assertOnly(data(EventType.LOAN_DISBURSED, d -> d.put("lpr1y", new BigDecimal("0.0300"))), "data.lpr1y", RejectionCode.WRONG_TYPE);
    }

    // ---- data: dates, counts, flags, enumerations, codes, texts ----

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "2025-2-3", "20250203",
            "2025/02/03", "2026-03-15T16:00:00+08:00", "+2026-03-15", "15.03.2026", ""})
    void impossibleOrMalformedDate(String date) {
        assertOnly(data(EventType.LOAN_SETTLED, d -> d.put("settledOn", date)), "data.settledOn", RejectionCode.INVALID_FORMAT);
    }

    @Test
    void leapDayIsARealDate() {
        LoanSettled settled = (LoanSettled) decoded(bytes(data(EventType.LOAN_SETTLED, d -> d.put("settledOn", "2024-02-29")))).data();

        assertThat(settled.settledOn()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 121, -1, Integer.MAX_VALUE})
    void termMonthsOutOfRange(int months) {
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("termMonths", months)), "data.termMonths", RejectionCode.OUT_OF_RANGE);
    }

    @Test
    void termMonthsThatIsNotAnInteger() {
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("termMonths", 12.5)), "data.termMonths", RejectionCode.WRONG_TYPE);
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("termMonths", "12")), "data.termMonths", RejectionCode.WRONG_TYPE);
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("termMonths", new BigDecimal("12.0"))),
                "data.termMonths", RejectionCode.WRONG_TYPE);
    }

    @Test
    void termMonthsBeyondAnyLong() {
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("termMonths", new java.math.BigInteger("99999999999999999999"))),
                "data.termMonths", RejectionCode.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 120})
    void termMonthsAtItsBounds(int months) {
        LoanApplied applied = (LoanApplied) decoded(bytes(data(EventType.LOAN_APPLIED, d -> d.put("termMonths", months)))).data();

        assertThat(applied.termMonths()).isEqualTo(months);
    }

    @Test
    void installmentNoZero() {
        assertOnly(data(EventType.INTEREST_PAID, d -> d.put("installmentNo", 0)), "data.installmentNo", RejectionCode.OUT_OF_RANGE);
    }

    @Test
    void negativeEmployees() {
        assertOnly(data(EventType.LOAN_APPLIED, d -> firm(d).put("employees", -1)), "data.firm.employees", RejectionCode.OUT_OF_RANGE);
    }

    @Test
    void booleanAsAString() {
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("firstLoan", "true")), "data.firstLoan", RejectionCode.WRONG_TYPE);
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("creditLoan", 0)), "data.creditLoan", RejectionCode.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lyd", "LYD ", "XYZ", "科技履约贷", ""})
    void programOutOfItsSet(String program) {
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("program", program)), "data.program", RejectionCode.INVALID_ENUM);
    }

    @Test
    void qualificationTypeOutOfItsSet() {
        ObjectNode event = tree(HKZD_APPLICATION);
        ((ObjectNode) firm(data(event)).get("qualifications").get(1)).put("type", "GIANT");

        assertOnly(event, "data.firm.qualifications[1].type", RejectionCode.INVALID_ENUM);
    }

    @Test
    void usccWithAWrongCheckCharacter() {
        String wrong = USCC.substring(0, 17) + (USCC.charAt(17) == '1' ? '2' : '1');

        assertOnly(data(EventType.LOAN_APPLIED, d -> firm(d).put("uscc", wrong)), "data.firm.uscc", RejectionCode.INVALID_USCC);
        assertOnly(data(EventType.FIRM_DISHONESTY_LISTED, d -> d.put("uscc", wrong)), "data.uscc", RejectionCode.INVALID_USCC);
        assertOnly(data(EventType.FIRM_DISHONESTY_CLEARED, d -> d.put("uscc", PLACEHOLDER)), "data.uscc", RejectionCode.INVALID_USCC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"732", "73200", "73a0", "７３２０", ""})
    void industryCodeNotFourDigits(String code) {
        assertOnly(data(EventType.LOAN_APPLIED, d -> firm(d).put("industryCode", code)),
                "data.firm.industryCode", RejectionCode.INVALID_FORMAT);
    }

    @Test
    void registeredDistrictNotSixDigits() {
        assertOnly(data(EventType.LOAN_APPLIED, d -> firm(d).put("registeredDistrict", "31011")),
                "data.firm.registeredDistrict", RejectionCode.INVALID_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void emptyApplicationNo(String number) {
        assertOnly(data(EventType.LOAN_APPLIED, d -> d.put("applicationNo", number)), "data.applicationNo", RejectionCode.INVALID_FORMAT);
    }

    @Test
    void textLongerThanItsMaximum() {
        assertOnly(data(EventType.LOAN_APPROVED, d -> d.put("approvalNo", "P".repeat(65))), "data.approvalNo", RejectionCode.OUT_OF_RANGE);
        assertOnly(data(EventType.LOAN_REJECTED, d -> d.put("reason", "x".repeat(501))), "data.reason", RejectionCode.OUT_OF_RANGE);
        assertOnly(data(EventType.LOAN_APPLIED, d -> firm(d).put("name", "企".repeat(201))), "data.firm.name", RejectionCode.OUT_OF_RANGE);
    }

    @Test
    void textLengthCountsCharactersNotBytes() {
        LoanApplied applied = (LoanApplied) decoded(bytes(data(EventType.LOAN_APPLIED, d -> firm(d).put("name", "企".repeat(200))))).data();
        LoanRejected rejected = (LoanRejected) decoded(bytes(data(EventType.LOAN_REJECTED, d -> d.put("reason", "😀".repeat(500))))).data();

        assertThat(applied.firm().name()).hasSize(200);
        assertThat(rejected.reason().codePointCount(0, rejected.reason().length())).isEqualTo(500);
    }

    // ---- data: fields that contradict each other ----

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-30", "2025-10-01"})
    void maturityNotAfterDisbursement(String maturity) {
        assertOnly(data(EventType.LOAN_DISBURSED, d -> d.put("maturityOn", maturity)), "data.maturityOn", RejectionCode.INCONSISTENT);
    }

    @Test
    void renewalOfItself() {
        assertOnly(data(EventType.LOAN_DISBURSED, d -> d.put("renewalOf", "C-001")), "data.renewalOf", RejectionCode.INCONSISTENT);
    }

    @Test
    void qualificationValidToBeforeValidFrom() {
        ObjectNode event = tree(HKZD_APPLICATION);
        ((ObjectNode) firm(data(event)).get("qualifications").get(0)).put("validTo", "2023-11-14");

        assertOnly(event, "data.firm.qualifications[0].validTo", RejectionCode.INCONSISTENT);
    }

    @Test
    void interestPeriodEndBeforeItsStart() {
        assertOnly(data(EventType.INTEREST_PAID, d -> d.put("periodEnd", "2025-09-30")), "data.periodEnd", RejectionCode.INCONSISTENT);
    }

    // ---- what a rejection tells the sender ----

    @Test
    void aRejectionKeepsTheReadableIdSourceAndType() {
        DecodeResult.Rejected rejected = rejected(bytes(data(EventType.PREMIUM_PAID, d -> d.put("amount", "45000.001"))));

        assertThat(rejected.id()).isEqualTo("e5");
        assertThat(rejected.source()).isEqualTo("bank/ICBC-SH");
        assertThat(rejected.type()).isEqualTo("premium.paid.v1");
        assertThat(rejected.identifiable()).isTrue();
        assertThat(rejected.violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("45000.001"));
    }

    @Test
    void anUnreadableRecordIsNotIdentifiable() {
        DecodeResult.Rejected rejected = rejected(utf8("{\"id\":"));

        assertThat(rejected.id()).isNull();
        assertThat(rejected.source()).isNull();
        assertThat(rejected.type()).isNull();
        assertThat(rejected.identifiable()).isFalse();
    }

    @Test
    void everyProblemIsReported() {
        ObjectNode event = tree(CONTRACT_EXAMPLE.get(4));
        event.put("specversion", "0.3");
        event.put("time", "2025-10-10 10:00");
        data(event).put("amount", "45,000.00");
        data(event).remove("paidOn");
        data(event).put("paidBy", "firm");

        DecodeResult.Rejected rejected = rejected(bytes(event));

        assertThat(rejected.violations()).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("specversion", RejectionCode.UNSUPPORTED_SPECVERSION),
                tuple("time", RejectionCode.INVALID_FORMAT),
                tuple("data.amount", RejectionCode.INVALID_FORMAT),
                tuple("data.paidOn", RejectionCode.MISSING_FIELD),
                tuple("data.paidBy", RejectionCode.UNKNOWN_FIELD));
        assertThat(rejected.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
        assertThat(rejected.id()).isEqualTo("e5");
    }

    @Test
    void problemsInNestedRecordsAreAllReportedWithTheirPaths() {
        ObjectNode event = tree(HKZD_APPLICATION);
        firm(data(event)).put("employees", -5);
        firm(data(event)).put("totalAssets", "1.005");
        ((ObjectNode) firm(data(event)).get("qualifications").get(1)).put("validFrom", "2024-02-30");

        assertThat(rejected(bytes(event)).violations()).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("data.firm.employees", RejectionCode.OUT_OF_RANGE),
                tuple("data.firm.totalAssets", RejectionCode.INVALID_FORMAT),
                tuple("data.firm.qualifications[1].validFrom", RejectionCode.INVALID_FORMAT));
    }

    @Nested
    class Codec {
        @Test
        void isReusableAcrossRecords() {
            assertThat(CONTRACT_EXAMPLE.stream().map(line -> codec.decode(utf8(line))))
                    .allSatisfy(r -> assertThat(r).isInstanceOf(DecodeResult.Decoded.class));
            assertThat(codec.decode(utf8("nope"))).isInstanceOf(DecodeResult.Rejected.class);
            assertThat(codec.decode(utf8(CONTRACT_EXAMPLE.get(0)))).isInstanceOf(DecodeResult.Decoded.class);
        }
    }

    @Nested
    class Limits {
        private final BankEventCodec small = new BankEventCodec(1024, 8);

        @Test
        void aRecordOverTheSizeLimitIsRejectedWithItsIdAndSizeWithoutBeingRead() {
            // valid JSON up to the limit, then not JSON at all: proof that the rest is never parsed
            String head = "{\"specversion\":\"1.0\",\"id\":\"big-1\",\"source\":\"bank/ICBC-SH\",\"type\":\"loan.settled.v1\","
                    + "\"data\":{\"padding\":\"" + "x".repeat(2_000) + "\"}, !!! not json";
            DecodeResult.Rejected rejected = assertOnly(small.decode(utf8(head)), "$", RejectionCode.TOO_LARGE);
            assertThat(rejected.id()).isEqualTo("big-1");
            assertThat(rejected.source()).isEqualTo("bank/ICBC-SH");
            assertThat(rejected.type()).isEqualTo("loan.settled.v1");
            assertThat(rejected.violations().get(0).message()).isEqualTo(
                    "the record is " + utf8(head).length + " bytes, more than the limit of 1024 bytes");
        }

        @Test
        void aTooLargeRecordWhoseIdIsNotInItsFirstBytesIsRejectedWithoutId() {
            String late = "{\"data\":{\"padding\":\"" + "x".repeat(2_000) + "\"},\"id\":\"late\"}";
            DecodeResult.Rejected rejected = assertOnly(small.decode(utf8(late)), "$", RejectionCode.TOO_LARGE);
            assertThat(rejected.identifiable()).isFalse();
            assertThat(assertOnly(small.decode(utf8("x".repeat(1025))), "$", RejectionCode.TOO_LARGE).identifiable()).isFalse();
        }

        @Test
        void aRecordAtTheSizeLimitIsRead() {
            assertThat(new BankEventCodec(utf8(CONTRACT_EXAMPLE.get(5)).length, 8).decode(utf8(CONTRACT_EXAMPLE.get(5))))
                    .isInstanceOf(DecodeResult.Decoded.class);
        }

        @Test
        void theDefaultsAre256KiBAnd64Levels() {
            String padded = "{\"id\":\"e\",\"pad\":\"" + "x".repeat(256 * 1024) + "\"}";
            assertOnly(codec.decode(utf8(padded)), "$", RejectionCode.TOO_LARGE);
            assertOnly(codec.decode(utf8("[".repeat(65) + "]".repeat(65))), "$", RejectionCode.TOO_DEEP);
            assertThat(assertOnly(codec.decode(utf8("[".repeat(64) + "]".repeat(64))), "$", RejectionCode.MALFORMED_JSON)
                    .violations().get(0).message()).isEqualTo("the record is not a JSON object");
        }

        @Test
        void nestingDeeperThanTheLimitIsRejectedAndParsingStopsThere() {
            // 10,000 levels would exhaust no stack here, but the parser stops at level 9 in any case
            String deep = "{\"id\":\"deep-1\",\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
            DecodeResult.Rejected rejected = assertOnly(new BankEventCodec(1 << 20, 8).decode(utf8(deep)), "$", RejectionCode.TOO_DEEP);
            assertThat(rejected.violations().get(0).message())
                    .isEqualTo("objects and arrays nest more than 8 levels deep; the record was read no further");
            assertThat(rejected.id()).isEqualTo("deep-1");
            String unclosed = "{\"data\":" + "{\"a\":".repeat(1_000_000);
            assertOnly(new BankEventCodec(Integer.MAX_VALUE, 64).decode(utf8(unclosed)), "$", RejectionCode.TOO_DEEP);
        }

        @Test
        void theContractsDeepestEventIsWellWithinTheDefaultDepth() {
            assertThat(new BankEventCodec(BankEventCodec.DEFAULT_MAX_EVENT_BYTES, 5).decode(utf8(HKZD_APPLICATION)))
                    .isInstanceOf(DecodeResult.Decoded.class);
        }
    }

    // ---- helpers ----

    private static String bank(String id, String type, String data) {
        return envelopeJson(id, "bank/ICBC-SH", type, data);
    }

    private static String insurer(String id, String type, String data) {
        return envelopeJson(id, "insurer/PICC-SH", type, data);
    }

    private static String credit(String id, String type, String data) {
        return envelopeJson(id, "credit-platform", type, data);
    }

    private static String envelopeJson(String id, String source, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"time\":\"2026-01-05T09:30:00+08:00\",\"data\":" + data.strip() + "}";
    }

    private BankEvent decoded(String json) {
        return decoded(utf8(json));
    }

    private BankEvent decoded(byte[] json) {
        DecodeResult result = codec.decode(json);
        assertThat(result).as("decoding %s", new String(json, StandardCharsets.UTF_8)).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).event();
    }

    private DecodeResult.Rejected rejected(byte[] json) {
        DecodeResult result = codec.decode(json);
        assertThat(result).as("decoding %s", new String(json, StandardCharsets.UTF_8)).isInstanceOf(DecodeResult.Rejected.class);
        return (DecodeResult.Rejected) result;
    }

    private DecodeResult.Rejected assertOnly(ObjectNode event, String field, RejectionCode code) {
        return assertOnly(codec.decode(bytes(event)), field, code);
    }

    private static DecodeResult.Rejected assertOnly(DecodeResult result, String field, RejectionCode code) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
        assertThat(rejected.violations()).extracting(Violation::field, Violation::code).containsExactly(tuple(field, code));
        assertThat(rejected.violations().get(0).message()).isNotBlank();
        return rejected;
    }

    /** The contract's loan.settled.v1 example with its envelope changed. */
    private static ObjectNode envelope(Consumer<ObjectNode> change) {
        ObjectNode event = tree(CONTRACT_EXAMPLE.get(5));
        change.accept(event);
        return event;
    }

    /** The valid event of {@code type} with its data changed. */
    private static ObjectNode data(EventType type, Consumer<ObjectNode> change) {
        ObjectNode event = tree(VALID.get(type));
        change.accept(data(event));
        return event;
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static ObjectNode firm(ObjectNode data) {
        return (ObjectNode) data.get("firm");
    }

    private static ObjectNode tree(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
