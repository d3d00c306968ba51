package cn.shanghai.techfinance.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.EventType;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The bank integration guide (docs/bank-integration.md) says what the contract says: every event
 * type, result type, topic and rejection code of asyncapi.yaml (and of {@link EventType} and
 * {@link RejectionCode}) is in the guide, with exactly the fields of its schema, and the guide
 * names none that the contract does not have.
 *
 * <p>The guide's field tables follow a marker {@code <!-- fields: SchemaName -->} (invisible when
 * rendered), the rejection codes a marker {@code <!-- codes: RejectionCode -->}; each event and
 * result type has a {@code ### `type`} heading whose section holds the table of its data schema.
 */
class BankIntegrationGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "bank-integration.md");

    private static JsonNode doc;
    private static String guide;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = BankIntegrationGuideTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            doc = new YAMLMapper().readTree(in);
        }
        guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
    }

    @Test
    void theGuideAgreesWithTheContract() {
        List<String> differences = GuideAgreement.differences(doc, guide);

        assertThat(differences)
                .withFailMessage(() -> "docs/bank-integration.md disagrees with the contract:\n  - "
                        + String.join("\n  - ", differences))
                .isEmpty();
    }

    @Test
    void theJavaEnumsAndTheDocumentNameTheSameTypesAndCodes() {
        // the guide is compared with the document; the document with the Java contract, here and in AsyncApiAgreementTest
        assertThat(GuideAgreement.inboundTypes(doc))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::typeName).toList());
        assertThat(GuideAgreement.rejectionCodes(doc))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(RejectionCode.values()).map(Enum::name).toList());
    }

    // ---- the checker itself: it must see a difference when there is one ----

    static Stream<Arguments> alterations() {
        return Stream.of(
                alteration("an event type's section removed",
                        g -> g.replace("### `loan.settled.v1`", "### Loan settled"),
                        "no section ### `loan.settled.v1`"),
                alteration("a result type's section removed",
                        g -> g.replace("### `claim.changed.v1`", "### Claim changed"),
                        "no section ### `claim.changed.v1`"),
                alteration("a section for a type the contract lacks",
                        g -> g + "\n### `loan.restructured.v1` — 重组\n",
                        "section for loan.restructured.v1, which is no event or result type"),
                alteration("a field row dropped",
                        g -> g.replace("| `termMonths` | count, 1–120 | requested term in months |\n", ""),
                        "LoanApplied: missing in the guide: [termMonths]"),
                alteration("a field the schema lacks",
                        g -> g.replace("| `settledOn` | date | |", "| `settledOn` | date | |\n| `settledBy` | text | |"),
                        "LoanSettled: not in asyncapi.yaml: [settledBy]"),
                alteration("an envelope attribute dropped",
                        g -> g.replace("| `datacontenttype` | no |", "| datacontenttype | no |"),
                        "CloudEventEnvelope: a row without a `name`"),
                alteration("a nested schema's table removed",
                        g -> g.replace("<!-- fields: Qualification -->", ""),
                        "no field table for Qualification"),
                alteration("a table under the wrong type",
                        g -> g.replace("<!-- fields: LoanOverdue -->", "<!-- fields: LoanOverdueX -->"),
                        "the section of loan.overdue.v1 has no table of LoanOverdue"),
                alteration("a rejection code dropped",
                        g -> g.replace("| `ORPHAN` |", "| ORPHAN |"),
                        "rejection codes missing in the guide: [ORPHAN]"),
                alteration("a rejection code the contract lacks",
                        g -> g.replace("| `INTERNAL` |", "| `TIMEOUT` | x | y |\n| `INTERNAL` |"),
                        "rejection codes in the guide but not in the contract: [TIMEOUT"),
                alteration("an example with a code the contract lacks",
                        g -> g.replace("\"code\":\"INCONSISTENT\"", "\"code\":\"BAD_DATES\""),
                        "an example names rejection code BAD_DATES"),
                alteration("a topic not named",
                        g -> g.replace("`tf.intake.dlq.v1`", "the dead-letter topic"),
                        "topic tf.intake.dlq.v1 is not named"),
                alteration("a topic the contract lacks",
                        g -> g + "\nInsurers write `tf.insurer.<CODE>.events.v1`.\n",
                        "tf.insurer.<CODE>.events.v1 is no channel of asyncapi.yaml"),
                alteration("a type the contract lacks, in prose",
                        g -> g + "\nSend `loan.restructured.v1` for a restructuring.\n",
                        "loan.restructured.v1 is no message of asyncapi.yaml"),
                alteration("a type the contract lacks, in an example",
                        g -> g.replace("\"type\":\"loan.settled.v1\"", "\"type\":\"loan.closed.v1\""),
                        "loan.closed.v1 is no message of asyncapi.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterations")
    void theCheckerSeesADeliberateDifference(String what, UnaryOperator<String> alter, String expected) {
        String altered = alter.apply(guide);
        assertThat(altered).as("the alteration changed the guide: " + what).isNotEqualTo(guide);

        List<String> differences = GuideAgreement.differences(doc, altered);

        assertThat(differences).as("differences found after: " + what).anySatisfy(d -> assertThat(d).contains(expected));
    }

    private static Arguments alteration(String what, UnaryOperator<String> alter, String expected) {
        return Arguments.of(what, alter, expected);
    }

    /** Compares the guide's text with the AsyncAPI document. */
    static final class GuideAgreement {

        private static final Pattern HEADING_TYPE = Pattern.compile("(?m)^### `([^`]+)`");
        private static final Pattern FIELDS_MARKER = Pattern.compile("<!-- fields: ([A-Za-z0-9]+) -->");
        private static final String CODES_MARKER = "<!-- codes: RejectionCode -->";
        private static final Pattern ROW_NAME = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");
        private static final Pattern EXAMPLE_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
        /** A versioned contract name: an event, result or message type, or a topic. */
        private static final Pattern VERSIONED = Pattern.compile("[a-z][a-z0-9-]*(?:\\.[A-Za-z0-9<>{}_-]+)+\\.v[0-9]+");
        private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
        private static final Pattern QUOTED = Pattern.compile("\"([^\"\\n]+)\"");

        private GuideAgreement() {
        }

        static List<String> differences(JsonNode doc, String guide) {
            List<String> problems = new ArrayList<>();
            Map<String, String> sections = typeSections(guide);
            Map<String, String> dataSchemas = new LinkedHashMap<>();
            inboundMessages(doc).forEach(m -> dataSchemas.put(m.path("name").asString(), dataSchema(m)));
            resultMessages(doc).forEach(m -> dataSchemas.put(m.path("name").asString(), dataSchema(m)));

            // every event and result type has its section, holding the table of its data schema
            for (Map.Entry<String, String> type : dataSchemas.entrySet()) {
                String section = sections.get(type.getKey());
                if (section == null) {
                    problems.add("no section ### `" + type.getKey() + "`");
                } else if (!section.contains("<!-- fields: " + type.getValue() + " -->")) {
                    problems.add("the section of " + type.getKey() + " has no table of " + type.getValue());
                }
            }
            for (String heading : sections.keySet()) {
                if (VERSIONED.matcher(heading).matches() && !dataSchemas.containsKey(heading)) {
                    problems.add("section for " + heading + ", which is no event or result type of asyncapi.yaml");
                }
            }

            // every table lists exactly its schema's properties; every schema a bank sees has a table
            Map<String, Set<String>> tables = fieldTables(guide, problems);
            Set<String> wanted = new TreeSet<>(List.of("CloudEventEnvelope", "ResultEnvelope"));
            dataSchemas.values().forEach(s -> collectObjectSchemas(doc, s, wanted));
            for (String schema : wanted) {
                if (!tables.containsKey(schema)) {
                    problems.add("no field table for " + schema);
                }
            }
            for (Map.Entry<String, Set<String>> table : tables.entrySet()) {
                JsonNode schema = doc.at("/components/schemas/" + table.getKey());
                if (schema.isMissingNode()) {
                    problems.add("field table for " + table.getKey() + ", which is no schema of asyncapi.yaml");
                    continue;
                }
                Set<String> properties = new TreeSet<>(schema.path("properties").propertyNames());
                compare(table.getKey(), properties, table.getValue(), problems);
            }

            // rejection codes: the table lists exactly the contract's codes; examples use only those
            Set<String> codes = rejectionCodes(doc);
            Set<String> listed = codeTable(guide, problems);
            Set<String> missing = new TreeSet<>(codes);
            missing.removeAll(listed);
            Set<String> unknown = new TreeSet<>(listed);
            unknown.removeAll(codes);
            if (!missing.isEmpty()) {
                problems.add("rejection codes missing in the guide: " + missing);
            }
            if (!unknown.isEmpty()) {
                problems.add("rejection codes in the guide but not in the contract: " + unknown);
            }
            Matcher example = EXAMPLE_CODE.matcher(guide);
            while (example.find()) {
                if (!codes.contains(example.group(1))) {
                    problems.add("an example names rejection code " + example.group(1) + ", which the contract does not have");
                }
            }

            // topics and versioned names: every channel named, and nothing named that is not the contract's
            List<String> addresses = new ArrayList<>();
            doc.path("channels").values().forEach(c -> addresses.add(c.path("address").asString()));
            for (String address : addresses) {
                String shown = address.replace("{bankCode}", "<CODE>");
                if (!guide.contains("`" + shown + "`")) {
                    problems.add("topic " + shown + " is not named (as `" + shown + "`)");
                }
            }
            List<Pattern> topics = addresses.stream().map(GuideAgreement::addressPattern).toList();
            Set<String> messageNames = new TreeSet<>();
            doc.path("components").path("messages").values().forEach(m -> messageNames.add(m.path("name").asString()));
            for (String name : versionedNames(guide)) {
                if (name.startsWith("tf.")) {
                    if (topics.stream().noneMatch(p -> p.matcher(name).matches())) {
                        problems.add(name + " is no channel of asyncapi.yaml");
                    }
                } else if (!messageNames.contains(name)) {
                    problems.add(name + " is no message of asyncapi.yaml");
                }
            }
            return problems;
        }

        /** The type names of the messages on the channels the system receives from. */
        static Set<String> inboundTypes(JsonNode doc) {
            return inboundMessages(doc).stream().map(m -> m.path("name").asString()).collect(Collectors.toCollection(TreeSet::new));
        }

        static Set<String> rejectionCodes(JsonNode doc) {
            Set<String> codes = new TreeSet<>();
            doc.at("/components/schemas/RejectionCode/enum").values().forEach(c -> codes.add(c.asString()));
            return codes;
        }

        private static List<JsonNode> inboundMessages(JsonNode doc) {
            Pattern inbound = Pattern.compile(Topics.INBOUND_PATTERN);
            return channelMessages(doc, address -> inbound.matcher(address).matches());
        }

        private static List<JsonNode> resultMessages(JsonNode doc) {
            String results = Topics.bankResults("ICBC-SH");
            return channelMessages(doc, results::equals);
        }

        private static List<JsonNode> channelMessages(JsonNode doc, java.util.function.Predicate<String> address) {
            List<JsonNode> messages = new ArrayList<>();
            for (JsonNode channel : doc.path("channels").values()) {
                if (address.test(channel.path("address").asString().replace("{bankCode}", "ICBC-SH")
                        .replace("{insurerCode}", "PICC-SH"))) {
                    channel.path("messages").values().forEach(m -> messages.add(resolve(doc, m)));
                }
            }
            return messages;
        }

        /** The name of the schema of a message's {@code data}, from its payload's {@code allOf}. */
        private static String dataSchema(JsonNode message) {
            for (JsonNode member : message.path("payload").path("allOf").values()) {
                String ref = member.path("properties").path("data").path("$ref").asString("");
                if (!ref.isEmpty()) {
                    return ref.substring(ref.lastIndexOf('/') + 1);
                }
            }
            return "(no data schema for " + message.path("name").asString() + ")";
        }

        /** The schema and the object schemas it refers to (a firm, its qualifications, violations). */
        private static void collectObjectSchemas(JsonNode doc, String name, Set<String> out) {
            JsonNode schema = doc.at("/components/schemas/" + name);
            if (!"object".equals(schema.path("type").asString("")) || !schema.has("properties") || !out.add(name)) {
                return;
            }
            for (JsonNode property : schema.path("properties").values()) {
                for (JsonNode ref : List.of(property.path("$ref"), property.path("items").path("$ref"))) {
                    if (ref.isString()) {
                        collectObjectSchemas(doc, ref.asString().substring(ref.asString().lastIndexOf('/') + 1), out);
                    }
                }
            }
        }

        private static JsonNode resolve(JsonNode doc, JsonNode node) {
            while (node.has("$ref")) {
                node = doc.at(node.get("$ref").asString().substring(1));
            }
            return node;
        }

        /** The text under each {@code ### `name`} heading, up to the next heading of level 2 or 3. */
        private static Map<String, String> typeSections(String guide) {
            Map<String, String> sections = new LinkedHashMap<>();
            Matcher heading = HEADING_TYPE.matcher(guide);
            while (heading.find()) {
                int start = heading.end();
                Matcher next = Pattern.compile("(?m)^#{2,3} ").matcher(guide);
                int end = next.find(start) ? next.start() : guide.length();
                sections.put(heading.group(1), guide.substring(start, end));
            }
            return sections;
        }

        private static Map<String, Set<String>> fieldTables(String guide, List<String> problems) {
            Map<String, Set<String>> tables = new LinkedHashMap<>();
            Matcher marker = FIELDS_MARKER.matcher(guide);
            while (marker.find()) {
                if (tables.put(marker.group(1), tableNames(marker.group(1), guide, marker.end(), problems)) != null) {
                    problems.add("two field tables for " + marker.group(1));
                }
            }
            return tables;
        }

        private static Set<String> codeTable(String guide, List<String> problems) {
            int at = guide.indexOf(CODES_MARKER);
            if (at < 0) {
                problems.add("no table of rejection codes (" + CODES_MARKER + ")");
                return Set.of();
            }
            return tableNames("RejectionCode", guide, at + CODES_MARKER.length(), problems);
        }

        /** The backticked first cells of the table that starts after {@code from}, header and rule skipped. */
        private static Set<String> tableNames(String what, String guide, int from, List<String> problems) {
            List<String> lines = guide.substring(from).lines().dropWhile(l -> !l.startsWith("|"))
                    .takeWhile(l -> l.startsWith("|")).toList();
            Set<String> names = new TreeSet<>();
            if (lines.size() < 2) {
                problems.add(what + ": no table after its marker");
                return names;
            }
            for (String row : lines.subList(2, lines.size())) {
                Matcher name = ROW_NAME.matcher(row);
                if (name.find()) {
                    names.add(name.group(1));
                } else {
                    problems.add(what + ": a row without a `name` in its first cell: " + row);
                }
            }
            return names;
        }

        private static void compare(String schema, Set<String> properties, Set<String> listed, List<String> problems) {
            Set<String> missing = new TreeSet<>(properties);
            missing.removeAll(listed);
            Set<String> extra = new TreeSet<>(listed);
            extra.removeAll(properties);
            if (!missing.isEmpty()) {
                problems.add(schema + ": missing in the guide: " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add(schema + ": not in asyncapi.yaml: " + extra);
            }
        }

        /** A channel address as a pattern: {@code {bankCode}} is any bank code or a placeholder such as {@code <CODE>}. */
        private static Pattern addressPattern(String address) {
            String[] parts = address.split("\\{bankCode}", -1);
            return Pattern.compile(Arrays.stream(parts).map(Pattern::quote)
                    .collect(Collectors.joining("(?:<[A-Z]+>|[A-Z0-9-]{2,16})")));
        }

        /** Versioned names in code spans and in quoted strings (JSON examples). */
        private static Set<String> versionedNames(String guide) {
            Set<String> names = new TreeSet<>();
            for (Pattern p : List.of(CODE_SPAN, QUOTED)) {
                Matcher m = p.matcher(guide);
                while (m.find()) {
                    if (VERSIONED.matcher(m.group(1)).matches()) {
                        names.add(m.group(1));
                    }
                }
            }
            return names;
        }
    }
}
