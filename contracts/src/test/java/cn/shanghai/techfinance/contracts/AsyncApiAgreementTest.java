package cn.shanghai.techfinance.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.DecodeResult;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.contracts.results.ClaimChanged;
import cn.shanghai.techfinance.contracts.results.EventDecided;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI document (src/main/resources/asyncapi.yaml) and the Java contract agree: every
 * event type has its message, every data record its schema with the same properties, each of a
 * kind its component binds (the schemas are what BankEventCodec validates with), and every topic
 * its channel. Reflection drives the comparison, so adding a record component or an event type
 * without documenting it fails here.
 */
class AsyncApiAgreementTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static JsonNode doc;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = AsyncApiAgreementTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            doc = new YAMLMapper().readTree(in);
        }
    }

    @Test
    void documentAgreesWithTheJavaContract() {
        List<String> differences = ContractAgreement.differences(doc);

        assertThat(differences)
                .withFailMessage(() -> "asyncapi.yaml disagrees with the Java contract:\n  - "
                        + String.join("\n  - ", differences))
                .isEmpty();
    }

    // ---- the checker itself: it must see a difference when there is one ----

    static Stream<Arguments> alterations() {
        return Stream.of(
                alteration("a data property renamed",
                        d -> rename(props(d, "LoanApplied"), "termMonths", "termMonth"),
                        "LoanApplied", "missing in asyncapi.yaml: [termMonths]"),
                alteration("an optional field made required",
                        d -> ((ArrayNode) schema(d, "LoanDisbursed").get("required")).add("renewalOf"),
                        "data.renewalOf", "required, so null must not be allowed"),
                alteration("an int allowed beyond int's range",
                        d -> ((ObjectNode) props(d, "Firm").get("employees")).remove("maximum"),
                        "data.firm.employees", "within int's range"),
                alteration("money allowed as an exponent",
                        d -> schema(d, "Money").put("pattern", "^[0-9.eE]+$"),
                        "data.amount", "plain decimal digits"),
                alteration("an enum constant dropped",
                        d -> ((ArrayNode) schema(d, "QualificationType").get("enum")).remove(4),
                        "qualifications[].type", "missing in asyncapi.yaml: [SRDI_GIANT]"),
                alteration("a date lost its format",
                        d -> schema(d, "Date").remove("format"),
                        "data.settledOn", "format must be date"),
                alteration("a boolean written as a string",
                        d -> ((ObjectNode) props(d, "LoanApplied").get("firstLoan")).put("type", "string"),
                        "data.firstLoan", "type must be boolean"),
                alteration("unknown fields allowed",
                        d -> schema(d, "Firm").put("additionalProperties", true),
                        "Firm", "additionalProperties must be false"),
                alteration("an event type left out",
                        d -> ((ObjectNode) d.at("/components/messages")).remove("loanSettled"),
                        "no message for event type loan.settled.v1", ""),
                alteration("a message's type const changed",
                        d -> ((ObjectNode) d.at("/components/messages/loanApplied/payload/allOf/1/properties/type"))
                                .put("const", "loan.applied.v2"),
                        "loan.applied.v2", "which EventType does not know"),
                alteration("a credit event allowed from a bank",
                        d -> ((ObjectNode) d.at("/components/messages/firmDishonestyListed/payload/allOf/1/properties/source"))
                                .put("$ref", "#/components/schemas/BankSource"),
                        "firm.dishonesty-listed.v1", "source must be credit-platform only"),
                alteration("a topic without its channel",
                        d -> ((ObjectNode) d.get("channels")).remove("intakeDeadLetters"),
                        "Topics.INTAKE_DEAD_LETTERS", "tf.intake.dlq.v1"),
                alteration("the bank code parameter loosened",
                        d -> ((ObjectNode) d.at("/components/parameters/bankCode")).put("x-pattern", "^[A-Za-z0-9-]{2,16}$"),
                        "bankCode x-pattern", "icbc"),
                alteration("an outcome property dropped",
                        d -> props(d, "IntakeOutcome").remove("decidedAt"),
                        "IntakeOutcome", "missing in asyncapi.yaml: [decidedAt]"),
                alteration("an outcome's nullable id made non-null",
                        d -> ((ObjectNode) props(d, "IntakeOutcome").get("eventId")).put("type", "string"),
                        "IntakeOutcome.eventId", "null must be allowed"),
                alteration("a rejection code missing",
                        d -> ((ArrayNode) schema(d, "RejectionCode").get("enum")).remove(13),
                        "violations[].code", "missing in asyncapi.yaml: [CONFLICT]"),
                alteration("the key of bank events changed",
                        d -> ((ObjectNode) d.at("/components/messageBindings/keyedByUscc/kafka/key"))
                                .put("$ref", "#/components/schemas/BankCode"),
                        "loan.applied.v1", "Kafka key must be the Uscc schema"),
                alteration("a result data property dropped",
                        d -> props(d, "ClaimChanged").remove("confirmationDeadline"),
                        "ClaimChanged", "missing in asyncapi.yaml: [confirmationDeadline]"),
                alteration("a result's nullable id made non-null",
                        d -> ((ObjectNode) props(d, "EventDecided").get("eventId")).put("type", "string"),
                        "EventDecided.eventId", "null must be allowed"),
                alteration("a claim id allowed to be null",
                        d -> ((ObjectNode) props(d, "ClaimChanged").get("claimId")).set("type",
                                JSON.createArrayNode().add("string").add("null")),
                        "ClaimChanged.claimId", "null must not be allowed"),
                alteration("a claim status missing",
                        d -> ((ArrayNode) schema(d, "ClaimStatus").get("enum")).remove(8),
                        "ClaimChanged.status", "missing in asyncapi.yaml: [CANCELLED]"),
                alteration("the ratio documented as money",
                        d -> ((ObjectNode) props(d, "ClaimChanged").get("ratio")).put("pattern", ContractAgreement.MONEY_PATTERN),
                        "ClaimChanged.ratio (ratio)", "pattern must be"),
                alteration("a result said to come from a bank",
                        d -> ((ObjectNode) schema(d, "ResultEnvelope").get("properties").get("source")).put("const", "bank/ICBC-SH"),
                        "event.decided.v1 source", "const must be 'techfinance/notifier'"),
                alteration("the envelope's subject left out",
                        d -> ((ObjectNode) schema(d, "ResultEnvelope").get("properties")).remove("subject"),
                        "claim.changed.v1: envelope properties", "missing in asyncapi.yaml: [subject]"),
                alteration("a result type left out",
                        d -> ((ObjectNode) d.at("/channels/bankResults/messages")).remove("claimChanged"),
                        "no message for result type claim.changed.v1", ""),
                alteration("a result keyed by bank code",
                        d -> ((ObjectNode) d.at("/components/messageBindings/keyedBySubject/kafka/key"))
                                .put("pattern", "^[A-Z0-9-]{2,16}$"),
                        "event.decided.v1", "Kafka key must be the subject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterations")
    void theCheckerSeesADeliberateDifference(String what, Consumer<ObjectNode> alter, String where, String why) {
        ObjectNode altered = (ObjectNode) doc.deepCopy();
        alter.accept(altered);

        List<String> differences = ContractAgreement.differences(altered);

        assertThat(differences).as("differences found after: " + what)
                .anySatisfy(d -> assertThat(d).contains(where).contains(why));
    }

    // ---- the document's examples and patterns, run through the real codec ----

    @Test
    void everyEventExampleInTheDocumentDecodes() {
        BankEventCodec codec = new BankEventCodec();
        int examples = 0;
        for (Map.Entry<String, JsonNode> message : doc.at("/components/messages").properties()) {
            String name = message.getValue().path("name").asString("");
            for (JsonNode example : message.getValue().path("examples").values()) {
                if (!example.path("payload").has("specversion") || ContractAgreement.resultTypes().containsKey(name)) {
                    continue; // results are checked below, against BankResult
                }
                DecodeResult result = codec.decode(JSON.writeValueAsBytes(example.get("payload")));
                assertThat(result).as("example %s of %s", example.path("name").asString(), message.getKey())
                        .isInstanceOfSatisfying(DecodeResult.Decoded.class,
                                d -> assertThat(d.event().type().typeName()).isEqualTo(name));
                examples++;
            }
        }
        assertThat(examples).as("event examples in the document").isEqualTo(8);
    }

    @Test
    void moneyAndRateSchemasAcceptExactlyWhatTheCodecAccepts() {
        ObjectNode money = ContractAgreement.schema(doc, "Money");
        ObjectNode rate = ContractAgreement.schema(doc, "Rate");
        BankEventCodec codec = new BankEventCodec();
        List<String> samples = List.of("0", "0.0", "0.00", "0.000", "1", "45000", "45000.5", "45000.50", "45000.500",
                "-1", "+1", "1e3", "1E3", "1,000", " 1", "1 ", "", ".5", "5.", "0x1A", "1.2.3", "١٢٣",
                "9999999999999999.99", "99999999999999999", "0.999999", "0.9999999", "0.0345", "00.5", "0.000001",
                "1.0", "1.000000", "2", "10.5", "0.1234567");
        List<String> disagreements = new ArrayList<>();
        for (String sample : samples) {
            boolean codecMoney = codec.decode(premiumPaid(sample)) instanceof DecodeResult.Decoded;
            if (codecMoney != ContractAgreement.accepts(money, sample)) {
                disagreements.add("money '" + sample + "': codec " + codecMoney);
            }
            boolean codecRate = codec.decode(policyIssuedWithRate(sample)) instanceof DecodeResult.Decoded;
            if (codecRate != ContractAgreement.accepts(rate, sample)) {
                disagreements.add("rate '" + sample + "': codec " + codecRate);
            }
        }
        assertThat(disagreements).as("samples where asyncapi.yaml and the codec disagree").isEmpty();
    }

    @Test
    void usccSchemaAllowsExactlyTheGb32100Alphabet() {
        ObjectNode uscc = ContractAgreement.schema(doc, "Uscc");
        for (char c = '0'; c <= 'Z'; c++) {
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            String code = String.valueOf(c).repeat(18);
            assertThat(ContractAgreement.accepts(uscc, code))
                    .as("the schema on character %s", c)
                    .isEqualTo(inUsccAlphabet(c));
        }
        assertThat(ContractAgreement.accepts(uscc, Uscc.withCheckCharacter("91310115MA1K4XXXX"))).isTrue();
        assertThat(ContractAgreement.accepts(uscc, "91310115MA1K4XXXX")).as("17 characters").isFalse();
    }

    // ---- the intake outcome as ContractJson writes it ----

    @Test
    void intakeOutcomeJsonHasExactlyTheDocumentedPropertiesAndKinds() {
        ObjectNode schema = ContractAgreement.schema(doc, "IntakeOutcome");
        ObjectNode violationSchema = ContractAgreement.schema(doc, "Violation");
        List<IntakeOutcome> samples = List.of(
                new IntakeOutcome("e3", "bank/ICBC-SH", "ICBC-SH", "loan.disbursed.v1", IntakeOutcome.Status.REJECTED,
                        List.of(new Violation("data.maturityOn", RejectionCode.INCONSISTENT, "maturityOn is not after disbursedOn")),
                        "tf.bank.ICBC-SH.events.v1", 2, 1044L, Instant.parse("2025-10-01T01:00:00.123Z")),
                new IntakeOutcome(null, null, "ICBC-SH", null, IntakeOutcome.Status.REJECTED,
                        List.of(new Violation("$", RejectionCode.MALFORMED_JSON, "the record is not a JSON object")),
                        "tf.bank.ICBC-SH.events.v1", 0, 7L, Instant.parse("2025-10-01T01:00:00Z")),
                new IntakeOutcome("e1", "bank/ICBC-SH", "ICBC-SH", "loan.applied.v1", IntakeOutcome.Status.ACCEPTED,
                        List.of(), "tf.bank.ICBC-SH.events.v1", 1, Long.MAX_VALUE, Instant.parse("2025-10-01T01:00:00Z")));

        for (IntakeOutcome sample : samples) {
            JsonNode json = JSON.readTree(ContractJson.write(sample));

            assertThat(new TreeSet<>(json.propertyNames())).as("properties of %s", json)
                    .isEqualTo(new TreeSet<>(schema.get("properties").propertyNames()))
                    .isEqualTo(ContractAgreement.strings(schema.get("required")));
            json.properties().forEach(p -> assertKind("IntakeOutcome." + p.getKey(),
                    ContractAgreement.schema(doc, "IntakeOutcome").get("properties").get(p.getKey()), p.getValue()));
            assertThat(Instant.parse(json.get("decidedAt").asString())).isEqualTo(sample.decidedAt());
            for (JsonNode violation : json.get("violations").values()) {
                assertThat(new TreeSet<>(violation.propertyNames()))
                        .isEqualTo(new TreeSet<>(violationSchema.get("properties").propertyNames()));
                assertThat(ContractAgreement.strings(ContractAgreement.schema(doc, "RejectionCode").get("enum")))
                        .contains(violation.get("code").asString());
            }
        }
    }

    @Test
    void intakeOutcomeExampleReadsAndWritesBackUnchanged() {
        JsonNode example = doc.at("/components/messages/intakeOutcome/examples/0/payload");

        IntakeOutcome outcome = ContractJson.read(JSON.writeValueAsBytes(example), IntakeOutcome.class);

        assertThat(outcome.violations()).extracting(Violation::code).containsExactly(RejectionCode.INCONSISTENT);
        assertThat(JSON.readTree(ContractJson.write(outcome))).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(example)));
    }

    // ---- results back to a bank, as ContractJson writes them ----

    @Test
    void bankResultJsonHasExactlyTheDocumentedPropertiesAndKinds() {
        ObjectNode envelope = ContractAgreement.schema(doc, "ResultEnvelope");
        Map<String, String> dataSchemas = Map.of(EventDecided.TYPE, "EventDecided", ClaimChanged.TYPE, "ClaimChanged");
        for (BankResult sample : sampleResults()) {
            JsonNode json = JSON.readTree(ContractJson.write(sample));

            assertThat(new TreeSet<>(json.propertyNames())).as("envelope of %s", json)
                    .isEqualTo(new TreeSet<>(envelope.get("properties").propertyNames()))
                    .isEqualTo(ContractAgreement.strings(envelope.get("required")));
            ObjectNode dataSchema = ContractAgreement.schema(doc, dataSchemas.get(sample.type()));
            assertThat(new TreeSet<>(json.get("data").propertyNames())).as("data of %s", json)
                    .isEqualTo(new TreeSet<>(dataSchema.get("properties").propertyNames()))
                    .isEqualTo(ContractAgreement.strings(dataSchema.get("required")));
            json.get("data").properties().forEach(p -> assertKind(sample.type() + " data." + p.getKey(),
                    dataSchema.get("properties").get(p.getKey()), p.getValue()));
            assertThat(Instant.parse(json.get("time").asString())).isEqualTo(sample.time());

            assertThat(ContractJson.read(ContractJson.write(sample), BankResult.class)).as("read back").isEqualTo(sample);
        }
    }

    @Test
    void moneyInAClaimResultIsADocumentedDecimalString() {
        JsonNode data = JSON.readTree(ContractJson.write(sampleResults().get(3))).get("data");
        ObjectNode money = ContractAgreement.schema(doc, "Money");

        assertThat(data.get("amount").asString()).isEqualTo("22500.00");
        assertThat(ContractAgreement.accepts(money, data.get("amount").asString())).isTrue();
        assertThat(data.get("ratio").asString()).isEqualTo("0.50");
        assertThat(data.get("confirmationDeadline").asString()).isEqualTo("2026-03-20");
    }

    @Test
    void everyResultExampleReadsAndWritesBackUnchanged() {
        int examples = 0;
        for (JsonNode reference : doc.at("/channels/bankResults/messages").values()) {
            JsonNode message = doc.at(reference.get("$ref").asString().substring(1));
            for (JsonNode example : message.path("examples").values()) {
                byte[] json = JSON.writeValueAsBytes(example.get("payload"));

                BankResult result = ContractJson.read(json, BankResult.class);

                assertThat(result.type()).isEqualTo(message.get("name").asString()).isEqualTo(result.data().typeName());
                assertThat(result.id()).isEqualTo(result.data().resultId());
                assertThat(JSON.readTree(ContractJson.write(result))).isEqualTo(JSON.readTree(json));
                examples++;
            }
        }
        assertThat(examples).as("result examples in the document").isEqualTo(2);
    }

    @Test
    void theSameFactAlwaysGivesTheSameResultId() {
        IntakeOutcome unreadable = new IntakeOutcome(null, null, "ICBC-SH", null, IntakeOutcome.Status.REJECTED,
                List.of(new Violation("$", RejectionCode.MALFORMED_JSON, "not JSON")),
                "tf.bank.ICBC-SH.events.v1", 3, 17L, Instant.parse("2025-10-01T01:00:00Z"));

        assertThat(BankResult.of(EventDecided.of(unreadable), unreadable.decidedAt()).id())
                .isEqualTo("record/tf.bank.ICBC-SH.events.v1/3/17");
        assertThat(sampleResults()).as("built twice from the same facts").isEqualTo(sampleResults());
        assertThat(sampleResults().get(0).id()).isEqualTo("event/e3");
        assertThat(sampleResults().get(3).id()).isEqualTo("claim/b6c5dc16-5792-3dde-8509-a1669ec6730a@2");
        assertThat(sampleResults().get(3).subject()).isEqualTo("b6c5dc16-5792-3dde-8509-a1669ec6730a");
    }

    private static List<BankResult> sampleResults() {
        IntakeOutcome rejected = new IntakeOutcome("e3", "bank/ICBC-SH", "ICBC-SH", "loan.disbursed.v1", IntakeOutcome.Status.REJECTED,
                List.of(new Violation("data.maturityOn", RejectionCode.INCONSISTENT, "maturityOn is not after disbursedOn")),
                "tf.bank.ICBC-SH.events.v1", 2, 1044L, Instant.parse("2025-10-01T01:00:00.123Z"));
        IntakeOutcome unreadable = new IntakeOutcome(null, null, "ICBC-SH", null, IntakeOutcome.Status.REJECTED,
                List.of(new Violation("$", RejectionCode.MALFORMED_JSON, "the record is not a JSON object")),
                "tf.bank.ICBC-SH.events.v1", 0, 7L, Instant.parse("2025-10-01T01:00:00Z"));
        IntakeOutcome accepted = new IntakeOutcome("e1", "bank/ICBC-SH", "ICBC-SH", "loan.applied.v1", IntakeOutcome.Status.ACCEPTED,
                List.of(), "tf.bank.ICBC-SH.events.v1", 1, Long.MAX_VALUE, Instant.parse("2025-10-01T01:00:00Z"));
        String uscc = Uscc.withCheckCharacter("91310115MA1K4XXXX");
        ClaimEvent lyd = new ClaimEvent("b6c5dc16-5792-3dde-8509-a1669ec6730a", 2, ClaimEvent.Program.LYD_PREMIUM, "ICBC-SH", uscc,
                "A-001", "P-001", null, null, LocalDate.of(2026, 3, 15), new BigDecimal("45000.00"), new BigDecimal("0.50"),
                new BigDecimal("22500.00"), ClaimEvent.Status.PUBLISHED, List.of(), "2025.1", LocalDate.of(2026, 3, 20),
                Instant.parse("2026-03-17T01:00:00Z"));
        ClaimEvent hkzd = new ClaimEvent("7624608b-8e0e-3791-a408-21dee19156ae", 1, ClaimEvent.Program.HKZD_INTEREST, "ICBC-SH", uscc,
                "A-009", "P-009", "C-009", 3, LocalDate.of(2026, 1, 20), null, null, null,
                ClaimEvent.Status.INELIGIBLE, List.of("NOT_TECH_FIRM", "OVERDUE"), "HKZD-2025.1", null,
                Instant.parse("2026-01-21T00:00:00Z"));
        return List.of(
                BankResult.of(EventDecided.of(rejected), rejected.decidedAt()),
                BankResult.of(EventDecided.of(unreadable), unreadable.decidedAt()),
                BankResult.of(EventDecided.of(accepted), accepted.decidedAt()),
                BankResult.of(ClaimChanged.of(lyd), lyd.changedAt()),
                BankResult.of(ClaimChanged.of(hkzd), hkzd.changedAt()));
    }

    // ---- helpers ----

    private static void assertKind(String where, JsonNode propertySchema, JsonNode value) {
        Set<String> types = ContractAgreement.types(ContractAgreement.flatten(doc, propertySchema));
        String kind = value.isNull() ? "null" : value.isString() ? "string" : value.isIntegralNumber() ? "integer"
                : value.isArray() ? "array" : value.isObject() ? "object" : value.isBoolean() ? "boolean" : "number";
        assertThat(types).as("%s is written as %s (%s)", where, kind, value).contains(kind);
    }

    private static boolean inUsccAlphabet(char c) {
        try {
            Uscc.withCheckCharacter(String.valueOf(c).repeat(17));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] premiumPaid(String amount) {
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"specversion":"1.0","id":"m1","source":"bank/ICBC-SH","type":"premium.paid.v1",
                 "time":"2025-10-10T10:00:00+08:00","data":{"policyNo":"Y-001","amount":"0","paidOn":"2025-10-10"}}""");
        ((ObjectNode) event.get("data")).put("amount", amount);
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] policyIssuedWithRate(String rate) {
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"specversion":"1.0","id":"r1","source":"bank/ICBC-SH","type":"policy.issued.v1",
                 "time":"2025-10-01T10:00:00+08:00","data":{"policyNo":"Y-001","insurerCode":"PICC-SH",
                 "contractNo":"C-001","insuredAmount":"3000000.00","premiumRate":"0","premium":"45000.00",
                 "issuedOn":"2025-10-01"}}""");
        ((ObjectNode) event.get("data")).put("premiumRate", rate);
        return JSON.writeValueAsBytes(event);
    }

    private static Arguments alteration(String what, Consumer<ObjectNode> alter, String where, String why) {
        return Arguments.of(what, alter, where, why);
    }

    private static ObjectNode schema(ObjectNode d, String name) {
        return (ObjectNode) d.at("/components/schemas/" + name);
    }

    private static ObjectNode props(ObjectNode d, String schemaName) {
        return (ObjectNode) schema(d, schemaName).get("properties");
    }

    private static void rename(ObjectNode properties, String from, String to) {
        properties.set(to, properties.remove(from));
    }
}
