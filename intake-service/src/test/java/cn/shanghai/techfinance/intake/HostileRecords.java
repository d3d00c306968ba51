package cn.shanghai.techfinance.intake;

import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile records made from valid events, each with what intake must answer, by the contract
 * (docs/bank-integration.md, sections 4 to 6) rather than by the codec: first every field of every
 * template replaced by every value of a wrong kind, removed, given boundary and out-of-range values
 * and unknown siblings, and every envelope attribute likewise; then, up to the count asked for,
 * random ones — random bytes, cuts, invalid UTF-8, duplicate keys, several fields broken at once,
 * records over intake's size limit and just under the broker's, 10,000-deep nesting. The same seed
 * gives the same records.
 */
final class HostileRecords {

    /** Intake's own limit on a record (application.yml {@code intake.limits.max-event-bytes}). */
    static final int INTAKE_LIMIT = 256 * 1024;
    /** The broker's record limit; a record just under it still reaches intake. */
    static final int BROKER_LIMIT = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JSON.getNodeFactory();
    private static final String MARK = "@@hostile@@";
    /** Text fields that name no other document: a valid new value there changes no parent. */
    private static final List<String> FREE_TEXT = List.of("name", "reason", "insurerCode", "certNo");
    /** The one optional field of the contract's data. */
    private static final List<String> OPTIONAL = List.of("renewalOf");

    /** What intake must answer for one record. */
    sealed interface Expected {
    }

    /** Rejected with at least this violation; {@code eventId} null: no id can be read, the record is known by its offset. */
    record Rejected(String eventId, String field, RejectionCode code) implements Expected {
    }

    /** Valid in every form the contract sets: decided under {@code eventId} (accepted, or refused for a conflict) and never for its form. */
    record ValidInForm(String eventId) implements Expected {
    }

    /** A record to send to {@code topic} and what it must get. */
    record Case(String mutation, String topic, byte[] key, byte[] value, List<Expected> expected) {
    }

    /** A valid event already in the ledger, as JSON, and the topic it goes to. */
    record Template(String topic, ObjectNode event) {
        String id() {
            return event.get("id").stringValue();
        }
    }

    /** The kinds of value of the contract's section 4, by the name of the field. */
    private enum Kind { TEXT, DIGITS, USCC, ENUM, MONEY, RATE, DATE, COUNT, FLAG, OBJECT, ARRAY }

    private static final Map<String, Kind> KINDS = kinds();

    private static Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new java.util.HashMap<>();
        for (String money : List.of("requestedAmount", "annualRevenue", "totalAssets", "approvedAmount", "principal",
                "insuredAmount", "premium", "amount", "interestAmount", "overdueAmount", "outstandingPrincipal", "outstandingInterest")) {
            kinds.put(money, Kind.MONEY);
        }
        for (String rate : List.of("annualRate", "lpr1y", "premiumRate")) {
            kinds.put(rate, Kind.RATE);
        }
        for (String date : List.of("validFrom", "validTo", "disbursedOn", "maturityOn", "issuedOn", "paidOn", "cancelledOn",
                "periodStart", "periodEnd", "dueOn", "settledOn", "defaultedOn", "listedOn", "clearedOn")) {
            kinds.put(date, Kind.DATE);
        }
        for (String count : List.of("termMonths", "employees", "installmentNo")) {
            kinds.put(count, Kind.COUNT);
        }
        kinds.put("firstLoan", Kind.FLAG);
        kinds.put("creditLoan", Kind.FLAG);
        kinds.put("uscc", Kind.USCC);
        kinds.put("industryCode", Kind.DIGITS);
        kinds.put("registeredDistrict", Kind.DIGITS);
        kinds.put("program", Kind.ENUM);
        kinds.put("type", Kind.ENUM); // inside data only: a qualification's type
        kinds.put("firm", Kind.OBJECT);
        kinds.put("qualifications", Kind.ARRAY);
        return kinds;
    }

    /** A field of an event's data: its path segments (names, or indexes into arrays) and kind. */
    private record Leaf(List<Object> path, Kind kind) {
        String name() {
            return (String) path.get(path.size() - 1);
        }

        String text() {
            StringBuilder text = new StringBuilder();
            for (Object segment : path) {
                if (segment instanceof Integer index) {
                    text.append('[').append(index).append(']');
                } else {
                    text.append(text.isEmpty() ? "" : ".").append(segment);
                }
            }
            return text.toString();
        }

        boolean within(Leaf other) {
            return path.size() >= other.path.size() && path.subList(0, other.path.size()).equals(other.path);
        }
    }

    /** A change to one event (given its fresh id) and what it must get. */
    private interface Mutation {
        Case apply(Template template, String id, Random random);
    }

    private final List<Template> templates;
    private final Random random;
    private int next;

    private HostileRecords(List<Template> templates, long seed) {
        this.templates = templates;
        this.random = new Random(seed);
    }

    /** {@code count} records (at least the systematic ones), ids {@code idPrefix} + a number. */
    static List<Case> generate(List<Template> templates, long seed, int count, String idPrefix) {
        return new HostileRecords(templates, seed).all(count, idPrefix);
    }

    private List<Case> all(int count, String idPrefix) {
        List<Case> cases = new ArrayList<>();
        // each field mutation on its own template, each envelope mutation and each id variant on every template
        List<Map.Entry<Template, Mutation>> reusable = new ArrayList<>();
        for (Template t : templates) {
            for (Leaf leaf : leaves(t)) {
                fieldMutations(leaf).forEach(m -> reusable.add(Map.entry(t, m)));
            }
            envelopeMutations().forEach(m -> reusable.add(Map.entry(t, m)));
        }
        for (Map.Entry<Template, Mutation> m : reusable) {
            cases.add(m.getValue().apply(m.getKey(), idPrefix + next++, random));
        }
        for (Template t : templates) {
            for (Mutation m : idVariants()) {
                cases.add(m.apply(t, null, random));
            }
        }
        for (Mutation m : wholeRecordMutations()) {
            cases.add(m.apply(templates.get(0), idPrefix + next++, random));
        }
        cases.addAll(bigRecords(idPrefix));
        // then random ones: a third again the systematic ones (with fresh ids), the rest made up here
        List<Mutation> randomOnes = randomMutations();
        while (cases.size() < count) {
            if (random.nextInt(3) == 0) {
                Map.Entry<Template, Mutation> m = reusable.get(random.nextInt(reusable.size()));
                cases.add(m.getValue().apply(m.getKey(), idPrefix + next++, random));
            } else {
                Template t = templates.get(random.nextInt(templates.size()));
                cases.add(randomOnes.get(random.nextInt(randomOnes.size())).apply(t, idPrefix + next++, random));
            }
        }
        return cases;
    }

    // ---- the fields of an event ----

    private static List<Leaf> leaves(Template t) {
        List<Leaf> leaves = new ArrayList<>();
        collect((ObjectNode) t.event().get("data"), new ArrayList<>(List.of("data")), leaves);
        return leaves;
    }

    private static void collect(ObjectNode object, List<Object> path, List<Leaf> out) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            List<Object> childPath = new ArrayList<>(path);
            childPath.add(property.getKey());
            Kind kind = KINDS.getOrDefault(property.getKey(), Kind.TEXT);
            out.add(new Leaf(List.copyOf(childPath), kind));
            if (property.getValue() instanceof ObjectNode child) {
                collect(child, childPath, out);
            } else if (property.getValue() instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    List<Object> elementPath = new ArrayList<>(childPath);
                    elementPath.add(i);
                    out.add(new Leaf(List.copyOf(elementPath), Kind.OBJECT));
                    collect((ObjectNode) array.get(i), elementPath, out);
                }
            }
        }
    }

    private static void set(ObjectNode event, List<Object> path, JsonNode value) {
        JsonNode parent = event;
        for (Object segment : path.subList(0, path.size() - 1)) {
            parent = segment instanceof Integer i ? parent.get(i) : parent.get((String) segment);
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static JsonNode get(ObjectNode event, List<Object> path) {
        JsonNode node = event;
        for (Object segment : path) {
            node = segment instanceof Integer i ? node.get(i) : node.get((String) segment);
        }
        return node;
    }

    // ---- values ----

    private static JsonNode text(String value) {
        return NODES.stringNode(value);
    }

    private static JsonNode number(long value) {
        return NODES.numberNode(value);
    }

    /** JSON values of a kind other than {@code kind}'s. */
    private static List<JsonNode> wrongKinds(Kind kind) {
        JsonNode string = text("12");
        JsonNode integer = number(12);
        JsonNode fraction = NODES.numberNode(12.5);
        JsonNode flag = NODES.booleanNode(true);
        JsonNode object = NODES.objectNode();
        JsonNode array = NODES.arrayNode().add(1);
        return switch (kind) {
            case FLAG -> List.of(text("true"), integer, object, array);
            case COUNT -> List.of(string, fraction, flag, object, array);
            case OBJECT -> List.of(string, integer, flag, array);
            case ARRAY -> List.of(string, integer, flag, object);
            default -> List.of(integer, fraction, flag, object, array);
        };
    }

    /** Values of the right JSON kind in a form or range the contract refuses, with the code it names. */
    private static List<Map.Entry<JsonNode, RejectionCode>> outOfForm(Leaf leaf) {
        List<Map.Entry<JsonNode, RejectionCode>> values = new ArrayList<>();
        switch (leaf.kind()) {
            case TEXT -> {
                values.add(Map.entry(text(""), RejectionCode.INVALID_FORMAT));
                values.add(Map.entry(text(" \t "), RejectionCode.INVALID_FORMAT));
                values.add(Map.entry(text("键".repeat(501)), RejectionCode.OUT_OF_RANGE));
            }
            case DIGITS -> {
                values.add(Map.entry(text(""), RejectionCode.INVALID_FORMAT));
                values.add(Map.entry(text("73a0123"), RejectionCode.INVALID_FORMAT));
                values.add(Map.entry(text("٧٣٢٠"), RejectionCode.INVALID_FORMAT)); // Arabic-Indic digits
                values.add(Map.entry(text("1234567"), RejectionCode.INVALID_FORMAT));
            }
            case USCC -> {
                values.add(Map.entry(text(""), RejectionCode.INVALID_USCC));
                values.add(Map.entry(text(TestEvents.uscc(7).toLowerCase()), RejectionCode.INVALID_USCC));
                values.add(Map.entry(text(TestEvents.uscc(7).substring(0, 17)), RejectionCode.INVALID_USCC));
                String valid = TestEvents.uscc(7);
                char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
                values.add(Map.entry(text(valid.substring(0, 17) + wrongCheck), RejectionCode.INVALID_USCC));
            }
            case ENUM -> {
                values.add(Map.entry(text(""), RejectionCode.INVALID_ENUM));
                values.add(Map.entry(text("lyd"), RejectionCode.INVALID_ENUM));
                values.add(Map.entry(text("HNTE "), RejectionCode.INVALID_ENUM));
            }
            case MONEY -> {
                for (String bad : List.of("99999999999999999999.99", "-1.00", "1e3", "1.005", "", " 1.00", "1,000.00", "NaN", "0x10")) {
                    values.add(Map.entry(text(bad), RejectionCode.INVALID_FORMAT));
                }
            }
            case RATE -> {
                values.add(Map.entry(text("1"), RejectionCode.OUT_OF_RANGE));
                values.add(Map.entry(text("1.000000"), RejectionCode.OUT_OF_RANGE));
                values.add(Map.entry(text("0.1234567"), RejectionCode.INVALID_FORMAT));
                values.add(Map.entry(text("-0.01"), RejectionCode.INVALID_FORMAT));
            }
            case DATE -> {
                for (String bad : List.of("2026-02-29", "2025-02-30", "2026-13-01", "2026-00-10", "2026-1-01", "20260101",
                        "2026-01-01T00:00:00", "+2026-01-01", "")) {
                    values.add(Map.entry(text(bad), RejectionCode.INVALID_FORMAT));
                }
            }
            case COUNT -> {
                switch (leaf.name()) {
                    case "termMonths" -> {
                        values.add(Map.entry(number(0), RejectionCode.OUT_OF_RANGE));
                        values.add(Map.entry(number(121), RejectionCode.OUT_OF_RANGE));
                    }
                    case "installmentNo" -> values.add(Map.entry(number(0), RejectionCode.OUT_OF_RANGE));
                    default -> { }
                }
                values.add(Map.entry(number(-1), RejectionCode.OUT_OF_RANGE));
                values.add(Map.entry(number(2_147_483_648L), RejectionCode.OUT_OF_RANGE));
                values.add(Map.entry(NODES.numberNode(BigInteger.TEN.pow(40)), RejectionCode.OUT_OF_RANGE));
            }
            default -> { }
        }
        return values;
    }

    /** Boundary values the contract accepts (changing no reference to another document). */
    private static List<JsonNode> boundaries(Leaf leaf) {
        return switch (leaf.kind()) {
            case MONEY -> List.of(text("0.00"), text("0"), text("9999999999999999.99"));
            case RATE -> List.of(text("0"), text("0.999999"));
            case DATE -> List.of(text("2024-02-29"), text("2026-02-28"));
            case COUNT -> switch (leaf.name()) {
                case "termMonths" -> List.of(number(1), number(120));
                case "employees" -> List.of(number(0), number(Integer.MAX_VALUE));
                default -> List.of(number(Integer.MAX_VALUE));
            };
            case TEXT -> FREE_TEXT.contains(leaf.name()) ? List.of(text("x".repeat(64)), text("上海🏦")) : List.of();
            default -> List.of();
        };
    }

    // ---- the mutations ----

    private static Case jsonCase(String mutation, Template t, ObjectNode event, Expected... expected) {
        return new Case(mutation, t.topic(), key(t), JSON.writeValueAsBytes(event), List.of(expected));
    }

    private static byte[] key(Template t) {
        return t.id().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode copy(Template t, String id) {
        ObjectNode event = t.event().deepCopy();
        event.put("id", id);
        return event;
    }

    private static List<Mutation> fieldMutations(Leaf leaf) {
        List<Mutation> mutations = new ArrayList<>();
        String field = leaf.text();
        for (JsonNode wrong : wrongKinds(leaf.kind())) {
            mutations.add((t, id, r) -> {
                ObjectNode e = copy(t, id);
                set(e, leaf.path(), wrong.deepCopy());
                return jsonCase("wrong kind " + wrong.getNodeType() + " at " + field, t, e,
                        new Rejected(id, field, RejectionCode.WRONG_TYPE));
            });
        }
        if (!(leaf.path().get(leaf.path().size() - 1) instanceof Integer)) {
            mutations.add((t, id, r) -> {
                ObjectNode e = copy(t, id);
                set(e, leaf.path(), null);
                return jsonCase("missing " + field, t, e, missing(leaf, id));
            });
            mutations.add((t, id, r) -> {
                ObjectNode e = copy(t, id);
                set(e, leaf.path(), NODES.nullNode());
                return jsonCase("null " + field, t, e, missing(leaf, id));
            });
        }
        for (Map.Entry<JsonNode, RejectionCode> bad : outOfForm(leaf)) {
            mutations.add((t, id, r) -> {
                ObjectNode e = copy(t, id);
                set(e, leaf.path(), bad.getKey().deepCopy());
                return jsonCase(bad.getValue() + " " + abbreviate(bad.getKey()) + " at " + field, t, e,
                        new Rejected(id, field, bad.getValue()));
            });
        }
        for (JsonNode ok : boundaries(leaf)) {
            mutations.add((t, id, r) -> {
                ObjectNode e = copy(t, id);
                set(e, leaf.path(), ok.deepCopy());
                return jsonCase("boundary " + abbreviate(ok) + " at " + field, t, e, new ValidInForm(id));
            });
        }
        if (leaf.kind() == Kind.OBJECT) {
            mutations.add((t, id, r) -> {
                ObjectNode e = copy(t, id);
                ((ObjectNode) get(e, leaf.path())).put("settledAt", "2026-03-15");
                return jsonCase("unknown field in " + field, t, e, new Rejected(id, field + ".settledAt", RejectionCode.UNKNOWN_FIELD));
            });
        }
        return mutations;
    }

    /** What a field left out (or null) gets: refused unless the contract marks it optional. */
    private static Expected missing(Leaf leaf, String id) {
        return OPTIONAL.contains(leaf.name()) ? new ValidInForm(id) : new Rejected(id, leaf.text(), RejectionCode.MISSING_FIELD);
    }

    private static List<Mutation> envelopeMutations() {
        List<Mutation> mutations = new ArrayList<>();
        for (String attribute : List.of("specversion", "id", "source", "type", "time", "datacontenttype", "data")) {
            Kind kind = attribute.equals("data") ? Kind.OBJECT : Kind.TEXT;
            for (JsonNode wrong : wrongKinds(kind)) {
                mutations.add((t, id, r) -> {
                    ObjectNode e = copy(t, id);
                    e.set(attribute, wrong.deepCopy());
                    return jsonCase("wrong kind " + wrong.getNodeType() + " at " + attribute, t, e,
                            new Rejected(attribute.equals("id") ? null : id, attribute, RejectionCode.WRONG_TYPE));
                });
            }
            mutations.add((t, id, r) -> {
                ObjectNode e = copy(t, id);
                e.remove(attribute);
                return jsonCase("missing " + attribute, t, e, attribute.equals("datacontenttype") ? new ValidInForm(id)
                        : new Rejected(attribute.equals("id") ? null : id, attribute, RejectionCode.MISSING_FIELD));
            });
        }
        mutations.add(envelope("id", "", false, RejectionCode.INVALID_FORMAT));
        mutations.add((t, id, r) -> {
            ObjectNode e = copy(t, id + "-" + "x".repeat(129));
            return jsonCase("an id over 128 characters", t, e, new Rejected(null, "id", RejectionCode.OUT_OF_RANGE));
        });
        mutations.add((t, id, r) -> {
            String longest = (id + "-" + "x".repeat(128)).substring(0, 128);
            return jsonCase("an id of 128 characters", t, copy(t, longest), new ValidInForm(longest));
        });
        mutations.add((t, id, r) -> jsonCase("an id in Chinese", t, copy(t, id + "-事件"), new ValidInForm(id + "-事件")));
        mutations.add(envelope("source", "bank/OTHER-SH", true, RejectionCode.SOURCE_MISMATCH));
        mutations.add((t, id, r) -> {
            ObjectNode e = copy(t, id);
            boolean fromBank = e.get("source").stringValue().startsWith("bank/");
            e.put("source", fromBank ? "credit-platform" : "bank/FUZZ-SH");
            return jsonCase("the other sender's source", t, e, new Rejected(id, "source", RejectionCode.SOURCE_MISMATCH));
        });
        for (String bad : List.of("bank/fuzz-sh", "bank/", "", "BANK/FUZZ-SH", "bank/FUZZ-SH/x", "bank/" + "A".repeat(17))) {
            mutations.add(envelope("source", bad, true, RejectionCode.INVALID_FORMAT));
        }
        for (String bad : List.of("loan.exploded.v1", "", "LOAN.APPLIED.V1", "loan.applied.v2", "loan." + "x".repeat(80) + ".v1")) {
            mutations.add(envelope("type", bad, true, RejectionCode.UNKNOWN_TYPE));
        }
        for (String bad : List.of("1.1", "", "1", "1.0 ")) {
            mutations.add(envelope("specversion", bad, true, RejectionCode.UNSUPPORTED_SPECVERSION));
        }
        for (String bad : List.of("2026-02-29T09:00:00+08:00", "2026-03-01T09:00:00", "yesterday", "", "2026-03-01 09:00:00+08:00")) {
            mutations.add(envelope("time", bad, true, RejectionCode.INVALID_FORMAT));
        }
        mutations.add(envelope("datacontenttype", "text/plain", true, RejectionCode.INVALID_FORMAT));
        mutations.add((t, id, r) -> {
            ObjectNode e = copy(t, id);
            e.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            e.put("partitionkey", 7);
            return jsonCase("extension attributes", t, e, new ValidInForm(id));
        });
        mutations.add((t, id, r) -> {
            ObjectNode e = copy(t, id);
            ((ObjectNode) e.get("data")).put("settledAt", "2026-03-15");
            return jsonCase("unknown field in data", t, e, new Rejected(id, "data.settledAt", RejectionCode.UNKNOWN_FIELD));
        });
        mutations.add((t, id, r) -> {
            ObjectNode e = copy(t, id);
            e.set("data", NODES.objectNode());
            String first = t.event().get("data").properties().iterator().next().getKey();
            return jsonCase("empty data", t, e, new Rejected(id, "data." + first, RejectionCode.MISSING_FIELD));
        });
        return mutations;
    }

    /** The envelope's {@code attribute} set to {@code value}; rejected with {@code code}, under the id if {@code idReadable}. */
    private static Mutation envelope(String attribute, String value, boolean idReadable, RejectionCode code) {
        return (t, id, r) -> {
            ObjectNode e = copy(t, id);
            e.put(attribute, value);
            return jsonCase(code + " " + abbreviate(text(value)) + " at " + attribute, t, e,
                    new Rejected(idReadable ? id : null, attribute, code));
        };
    }

    /**
     * The id of an event in the ledger, differing only in case, by a trailing space or by a
     * combining accent: another event (ids are compared exactly), to be decided as such. Once per
     * template: a second time it would be a repeat.
     */
    private static List<Mutation> idVariants() {
        List<Mutation> mutations = new ArrayList<>();
        for (Map.Entry<String, Function<String, String>> variant : List.<Map.Entry<String, Function<String, String>>>of(
                Map.entry("in capitals", String::toUpperCase), Map.entry("with a trailing space", id -> id + " "),
                Map.entry("with a combining accent", id -> id + "\u0301"))) {
            mutations.add((t, unused, r) -> {
                String id = variant.getValue().apply(t.id());
                // SQL's padded comparison would take "e1 " for "e1": the contract refuses ids ending in a space
                Expected expected = id.endsWith(" ") ? new Rejected(null, "id", RejectionCode.INVALID_FORMAT) : new ValidInForm(id);
                return jsonCase("the id of an event in the ledger " + variant.getKey(), t, copy(t, id), expected);
            });
        }
        return mutations;
    }

    /** Records no event id can be read from. */
    private static List<Mutation> wholeRecordMutations() {
        List<Mutation> mutations = new ArrayList<>();
        for (String notAnObject : List.of("[]", "null", "\"loan.applied.v1\"", "42", "true", "", " ", "{", "}")) {
            mutations.add((t, id, r) -> raw("not an object: " + notAnObject, t, notAnObject.getBytes(StandardCharsets.UTF_8)));
        }
        mutations.add((t, id, r) -> new Case("no key and no value (a tombstone)", t.topic(), null, null,
                List.of(new Rejected(null, "$", RejectionCode.MALFORMED_JSON))));
        mutations.add((t, id, r) -> raw("trailing data", t, (new String(JSON.writeValueAsBytes(copy(t, id)), StandardCharsets.UTF_8)
                + " {}").getBytes(StandardCharsets.UTF_8)));
        mutations.add((t, id, r) -> raw("two events in one record", t, (new String(JSON.writeValueAsBytes(copy(t, id)),
                StandardCharsets.UTF_8) + "\n" + new String(JSON.writeValueAsBytes(copy(t, id + "b")), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
        return mutations;
    }

    /** An unreadable record: no id, MALFORMED_JSON. */
    private static Case raw(String mutation, Template t, byte[] value) {
        return new Case(mutation, t.topic(), key(t), value, List.of(new Rejected(null, "$", RejectionCode.MALFORMED_JSON)));
    }

    /** Records over intake's size limit, just under the broker's, and nested 10,000 deep: a few of each, they are large. */
    private List<Case> bigRecords(String idPrefix) {
        List<Case> cases = new ArrayList<>();
        for (Template t : templates.subList(0, Math.min(3, templates.size()))) {
            for (int size : List.of(INTAKE_LIMIT + 1, BROKER_LIMIT - 512)) {
                String id = idPrefix + next++;
                cases.add(new Case("a record of " + size + " bytes", t.topic(), key(t), padded(t, id, size),
                        List.of(new Rejected(id, "$", RejectionCode.TOO_LARGE))));
            }
            String id = idPrefix + next++;
            ObjectNode e = copy(t, id);
            e.put("data", MARK);
            cases.add(new Case("data nested 10,000 deep", t.topic(), key(t),
                    replaceMark(JSON.writeValueAsBytes(e), ("\"" + MARK + "\"").getBytes(StandardCharsets.UTF_8),
                            ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.US_ASCII)),
                    List.of(new Rejected(id, "$", RejectionCode.TOO_DEEP))));
            cases.add(new Case("a record nested 10,000 deep", t.topic(), key(t),
                    ("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes(StandardCharsets.US_ASCII),
                    List.of(new Rejected(null, "$", RejectionCode.TOO_DEEP))));
        }
        return cases;
    }

    /** The event with an unknown data field that pads its record to exactly {@code size} bytes. */
    private static byte[] padded(Template t, String id, int size) {
        ObjectNode e = copy(t, id);
        ((ObjectNode) e.get("data")).put("padding", "");
        int base = JSON.writeValueAsBytes(e).length;
        ((ObjectNode) e.get("data")).put("padding", "p".repeat(size - base));
        byte[] value = JSON.writeValueAsBytes(e);
        if (value.length != size) {
            throw new IllegalStateException("padded to " + value.length + ", not " + size);
        }
        return value;
    }

    private List<Mutation> randomMutations() {
        List<Mutation> mutations = new ArrayList<>();
        mutations.add((t, id, r) -> {
            byte[] bytes = new byte[1 + r.nextInt(400)];
            r.nextBytes(bytes);
            // never the start of an object or array: a byte that starts no JSON value
            String starts = "#%&'()*/:;<=>?@\\^_`|~";
            bytes[0] = r.nextBoolean() ? (byte) (0x80 | r.nextInt(0x80)) : (byte) starts.charAt(r.nextInt(starts.length()));
            return raw("random bytes", t, bytes);
        });
        mutations.add((t, id, r) -> {
            byte[] whole = JSON.writeValueAsBytes(copy(t, id));
            return raw("cut", t, Arrays.copyOf(whole, 1 + r.nextInt(whole.length - 1)));
        });
        mutations.add((t, id, r) -> {
            // invalid UTF-8 inside a string: the id or a text field
            byte[][] invalid = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
            ObjectNode e = copy(t, id);
            List<Leaf> texts = leaves(t).stream().filter(l -> l.kind() == Kind.TEXT).toList();
            if (texts.isEmpty() || r.nextBoolean()) {
                e.put("id", id + MARK);
            } else {
                set(e, texts.get(r.nextInt(texts.size())).path(), text("a" + MARK));
            }
            byte[] bytes = invalid[r.nextInt(invalid.length)];
            return raw("invalid UTF-8 " + hex(bytes), t, replaceMark(JSON.writeValueAsBytes(e), MARK.getBytes(StandardCharsets.UTF_8), bytes));
        });
        mutations.add((t, id, r) -> {
            // a key repeated: in the envelope, in data, or in the firm
            ObjectNode e = copy(t, id);
            String json = new String(JSON.writeValueAsBytes(e), StandardCharsets.UTF_8);
            List<String> objects = new ArrayList<>(List.of("{\"specversion\":\"1.0\","));
            objects.add("\"data\":{");
            if (json.contains("\"firm\":{")) {
                objects.add("\"firm\":{");
            }
            String at = objects.get(r.nextInt(objects.size()));
            int start = json.indexOf(at) + at.length() - (at.startsWith("{") ? "\"specversion\":\"1.0\",".length() : 0);
            int end = json.indexOf(',', start);
            String property = json.substring(start, end);
            String duplicated = json.substring(0, start) + property + "," + json.substring(start);
            return raw("duplicate key " + property.substring(0, property.indexOf(':')), t, duplicated.getBytes(StandardCharsets.UTF_8));
        });
        mutations.add((t, id, r) -> {
            // several fields broken at once, in unrelated places: each is reported
            List<Leaf> leaves = new ArrayList<>(leaves(t));
            java.util.Collections.shuffle(leaves, r);
            List<Leaf> chosen = new ArrayList<>();
            for (Leaf leaf : leaves) {
                if (chosen.size() < 2 + r.nextInt(3) && chosen.stream().noneMatch(c -> c.within(leaf) || leaf.within(c))) {
                    chosen.add(leaf);
                }
            }
            ObjectNode e = copy(t, id);
            List<Expected> expected = new ArrayList<>();
            for (Leaf leaf : chosen) {
                List<JsonNode> wrong = wrongKinds(leaf.kind());
                set(e, leaf.path(), wrong.get(r.nextInt(wrong.size())).deepCopy());
                expected.add(new Rejected(id, leaf.text(), RejectionCode.WRONG_TYPE));
            }
            return new Case("wrong kinds at " + chosen.stream().map(Leaf::text).toList(), t.topic(), key(t),
                    JSON.writeValueAsBytes(e), expected);
        });
        return mutations;
    }

    private static byte[] replaceMark(byte[] value, byte[] mark, byte[] with) {
        for (int i = 0; i <= value.length - mark.length; i++) {
            if (Arrays.equals(value, i, i + mark.length, mark, 0, mark.length)) {
                byte[] out = new byte[value.length - mark.length + with.length];
                System.arraycopy(value, 0, out, 0, i);
                System.arraycopy(with, 0, out, i, with.length);
                System.arraycopy(value, i + mark.length, out, i + with.length, value.length - i - mark.length);
                return out;
            }
        }
        throw new IllegalStateException("no mark in the record");
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= 30 ? text : text.substring(0, 27) + "…";
    }

}
