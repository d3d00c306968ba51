package cn.shanghai.techfinance.contracts;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventType;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.contracts.results.ClaimChanged;
import cn.shanghai.techfinance.contracts.results.EventDecided;
import cn.shanghai.techfinance.contracts.results.ResultData;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares an AsyncAPI 3.0 document (as a Jackson tree) with the Java contract: the event types,
 * their data records (by reflection over record components: each must bind every value its schema
 * allows, since BankEventCodec validates with the schemas and then binds with Jackson), the
 * intake outcome and the topic names. Collects every difference as a readable line instead of
 * stopping at the first, so one run shows everything that drifted.
 */
final class ContractAgreement {

    static final String MONEY_PATTERN = "^[0-9]{1,16}(\\.[0-9]{1,2})?$";
    static final String RATE_PATTERN = "^[0-9]+(\\.[0-9]{1,6})?$";
    static final List<String> ENVELOPE_REQUIRED = List.of("specversion", "id", "source", "type", "time", "data");
    /** IntakeOutcome's Javadoc: these are null where the record was unreadable. */
    static final Set<String> OUTCOME_NULLABLE = Set.of("eventId", "source", "type");
    /** The results' Javadoc: what may be null in the data sent back to banks. */
    static final Map<Class<?>, Set<String>> RESULT_NULLABLE = Map.of(
            EventDecided.class, Set.of("eventId", "eventType"),
            ClaimChanged.class, Set.of("contractNo", "installmentNo", "baseAmount", "ratio", "confirmationDeadline"));
    /** Decimal components that are ratios (not money): digits, at most 6 fractional, no upper bound stated. */
    static final Set<String> RATIO_COMPONENTS = Set.of("ClaimChanged.ratio");
    static final String BANK_RESULTS_ADDRESS = "tf.bank.{bankCode}.results.v1";

    private static final String SAMPLE_BANK_CODE = "ICBC-SH";

    private final JsonNode doc;
    private final List<String> problems = new ArrayList<>();

    private ContractAgreement(JsonNode doc) {
        this.doc = doc;
    }

    /** Every difference between the document and the Java contract; empty when they agree. */
    static List<String> differences(JsonNode doc) {
        ContractAgreement check = new ContractAgreement(doc);
        check.checkHeader();
        check.checkEnvelope();
        check.checkEventMessages();
        check.checkIntakeOutcome();
        check.checkBankResults();
        check.checkChannels();
        return List.copyOf(check.problems);
    }

    /** The named component schema of {@code doc}, its references resolved and allOf merged. */
    static ObjectNode schema(JsonNode doc, String name) {
        return flatten(doc, doc.at("/components/schemas/" + name));
    }

    /** {@code node} of {@code doc} with its references resolved and allOf merged. */
    static ObjectNode flatten(JsonNode doc, JsonNode node) {
        return new ContractAgreement(doc).flatten(node);
    }

    // ---- document structure ----

    private void checkHeader() {
        if (!"3.0.0".equals(doc.path("asyncapi").asString(""))) {
            problem("asyncapi version is '" + doc.path("asyncapi").asString("") + "', expected 3.0.0");
        }
    }

    private void checkEnvelope() {
        ObjectNode envelope = flatten(doc.at("/components/schemas/CloudEventEnvelope"));
        Set<String> required = strings(envelope.path("required"));
        if (!required.equals(new TreeSet<>(ENVELOPE_REQUIRED))) {
            problem("CloudEventEnvelope: required is " + required + ", the codec requires " + new TreeSet<>(ENVELOPE_REQUIRED));
        }
        JsonNode props = envelope.path("properties");
        expectConst("CloudEventEnvelope.specversion", flatten(props.path("specversion")), BankEvent.SPEC_VERSION);
        expectConst("CloudEventEnvelope.datacontenttype", flatten(props.path("datacontenttype")), BankEvent.CONTENT_TYPE);
        expectFormat("CloudEventEnvelope.time", flatten(props.path("time")), "date-time");
        ObjectNode id = flatten(props.path("id"));
        if (id.path("minLength").asInt(0) != 1) {
            problem("CloudEventEnvelope.id: minLength must be 1 (an empty id is rejected)");
        }
    }

    private void checkEventMessages() {
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (Map.Entry<String, JsonNode> message : doc.path("components").path("messages").properties()) {
            ObjectNode payload = flatten(message.getValue().path("payload"));
            String type = flatten(payload.path("properties").path("type")).path("const").asString(null);
            if (type == null) {
                continue; // not a CloudEvent: outcomes, dead letters, …
            }
            if (resultTypes().containsKey(type)) {
                continue; // a result sent back to a bank: checkBankResults
            }
            if (byType.put(type, message.getValue()) != null) {
                problem("two messages declare type " + type);
            }
            if (EventType.fromTypeName(type).isEmpty()) {
                problem("message '" + message.getKey() + "' declares type " + type + ", which EventType does not know");
            }
        }
        for (EventType type : EventType.values()) {
            JsonNode message = byType.get(type.typeName());
            if (message == null) {
                problem("no message for event type " + type.typeName() + " (" + type.dataType().getSimpleName() + ")");
                continue;
            }
            String where = type.typeName();
            if (!type.typeName().equals(message.path("name").asString(""))) {
                problem(where + ": message name is '" + message.path("name").asString("") + "'");
            }
            ObjectNode payload = flatten(message.path("payload"));
            if (!strings(payload.path("required")).containsAll(ENVELOPE_REQUIRED)) {
                problem(where + ": the payload is not a full CloudEvents envelope (required " + strings(payload.path("required")) + ")");
            }
            checkSource(where, flatten(payload.path("properties").path("source")), type.sender());
            checkKey(where, message, "Uscc");
            JsonNode data = payload.path("properties").path("data");
            if (data.isMissingNode()) {
                problem(where + ": payload has no data property");
            } else {
                checkBankRecord(where + " data", type.dataType(), data);
            }
        }
    }

    private void checkSource(String where, ObjectNode source, EventType.Sender sender) {
        String bankSource = EventSource.bank(SAMPLE_BANK_CODE);
        String insurerSource = EventSource.insurer(SAMPLE_BANK_CODE);
        boolean acceptsBank = accepts(source, bankSource);
        boolean acceptsCredit = accepts(source, EventSource.CREDIT_PLATFORM);
        boolean acceptsInsurer = accepts(source, insurerSource);
        if (sender == EventType.Sender.BANK && (!acceptsBank || acceptsCredit || acceptsInsurer)) {
            problem(where + ": source must accept " + bankSource + " and neither " + EventSource.CREDIT_PLATFORM + " nor "
                    + insurerSource);
        }
        if (sender == EventType.Sender.CREDIT_PLATFORM && (acceptsBank || !acceptsCredit || acceptsInsurer)) {
            problem(where + ": source must be " + EventSource.CREDIT_PLATFORM + " only");
        }
        if (sender == EventType.Sender.INSURER && (acceptsBank || acceptsCredit || !acceptsInsurer)) {
            problem(where + ": source must accept " + insurerSource + " and neither " + bankSource + " nor "
                    + EventSource.CREDIT_PLATFORM);
        }
    }

    private void checkKey(String where, JsonNode message, String schemaName) {
        JsonNode bindings = resolve(message.path("bindings"));
        JsonNode key = bindings.path("kafka").path("key");
        ObjectNode expected = flatten(doc.at("/components/schemas/" + schemaName));
        ObjectNode declared = flatten(key);
        declared.remove("description");
        expected.remove("description");
        if (expected.isEmpty() || !declared.equals(expected)) {
            problem(where + ": Kafka key must be the " + schemaName + " schema, is " + key);
        }
    }

    // ---- records ----

    /**
     * A data record of an inbound event, which BankEventCodec binds once the record passed its schema:
     * a property not required must allow null and bind to a component that can hold it.
     */
    private void checkBankRecord(String where, Class<?> recordType, JsonNode schemaNode) {
        ObjectNode schema = flatten(schemaNode);
        RecordComponent[] components = recordType.getRecordComponents();
        expectType(where, schema, "object");
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").booleanValue()) {
            problem(where + " (" + recordType.getSimpleName() + "): additionalProperties must be false (unknown fields are rejected)");
        }
        Set<String> expected = Arrays.stream(components).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = new TreeSet<>(schema.path("properties").propertyNames());
        if (!declared.equals(expected)) {
            problem(where + " (" + recordType.getSimpleName() + "): properties " + declared + " differ from record components "
                    + expected + missingAndExtra(expected, declared));
        }
        Set<String> required = strings(schema.path("required"));
        for (RecordComponent c : components) {
            JsonNode property = schema.path("properties").path(c.getName());
            if (!property.isMissingNode()) {
                checkBankComponent(where + "." + c.getName(), c, property, required.contains(c.getName()));
            }
        }
    }

    private void compareNames(String where, Class<?> recordType, ObjectNode schema, RecordComponent[] components,
                              Set<String> expectedRequired) {
        Set<String> expected = Arrays.stream(components).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = new TreeSet<>(schema.path("properties").propertyNames());
        if (!declared.equals(expected)) {
            problem(where + " (" + recordType.getSimpleName() + "): properties " + declared + " differ from record components "
                    + expected + missingAndExtra(expected, declared));
        }
        Set<String> required = strings(schema.path("required"));
        if (!required.equals(expectedRequired)) {
            problem(where + " (" + recordType.getSimpleName() + "): required " + required + " differs from " + expectedRequired
                    + missingAndExtra(expectedRequired, required));
        }
    }

    /** Whether every value the property's schema allows binds to the component: its kind, its bounds, its null. */
    private void checkBankComponent(String where, RecordComponent c, JsonNode propertyNode, boolean required) {
        ObjectNode p = flatten(propertyNode);
        Class<?> raw = c.getType();
        Set<String> types = types(p);
        if (required == types.contains("null")) {
            problem(where + ": " + (required ? "required, so null must not be allowed" : "not required, so null must be allowed")
                    + "; type is " + types);
        }
        if (!required && raw.isPrimitive()) {
            problem(where + ": not required, but a " + raw + " cannot be absent");
        }
        if (raw.isRecord()) {
            checkBankRecord(where, raw, propertyNode);
        } else if (raw == List.class) {
            expectType(where, p, "array");
            Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            if (element.isRecord()) {
                checkBankRecord(where + "[]", element, p.path("items"));
            } else {
                problem(where + ": no wire form known for a list of " + element.getSimpleName());
            }
        } else if (raw == boolean.class) {
            expectType(where, p, "boolean");
        } else if (raw == int.class) {
            expectType(where, p, "integer");
            if (!p.path("minimum").canConvertToInt() || !p.path("maximum").canConvertToInt()) {
                problem(where + ": an int needs a minimum and a maximum within int's range, has " + p.path("minimum") + " .. "
                        + p.path("maximum"));
            }
        } else if (raw == BigDecimal.class) {
            expectType(where, p, "string");
            if (!p.path("pattern").isString() || accepts(p, "1e3") || accepts(p, "NaN") || accepts(p, " 1") || accepts(p, "")) {
                problem(where + ": a decimal needs a pattern of plain decimal digits (it is read with new BigDecimal), has "
                        + p.path("pattern"));
            }
        } else if (raw == LocalDate.class) {
            expectType(where, p, "string");
            expectFormat(where, p, "date");
        } else if (raw.isEnum()) {
            expectEnum(where, p, raw);
        } else if (raw == String.class) {
            expectType(where, p, "string");
        } else {
            problem(where + ": no wire form known for " + raw.getName());
        }
    }

    // ---- the intake outcome: Jackson 3 record serialization (ContractJson) ----

    private void checkIntakeOutcome() {
        JsonNode message = null;
        for (JsonNode m : doc.path("components").path("messages").values()) {
            if (m.path("payload").path("$ref").asString("").equals("#/components/schemas/IntakeOutcome")) {
                message = m;
            }
        }
        if (message == null) {
            problem("no message whose payload is #/components/schemas/IntakeOutcome");
            return;
        }
        checkKey("intake outcome", message, "BankCode");
        checkSerializedRecord("IntakeOutcome", IntakeOutcome.class, message.path("payload"));
    }

    /** A record written by ContractJson: every component is always present, null where unknown. */
    private void checkSerializedRecord(String where, Class<?> recordType, JsonNode schemaNode) {
        ObjectNode schema = flatten(schemaNode);
        RecordComponent[] components = recordType.getRecordComponents();
        expectType(where, schema, "object");
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").booleanValue()) {
            problem(where + ": additionalProperties must be false");
        }
        Set<String> all = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
        compareNames(where, recordType, schema, components, all);
        for (RecordComponent c : components) {
            JsonNode property = schema.path("properties").path(c.getName());
            if (property.isMissingNode()) {
                continue;
            }
            String path = where + "." + c.getName();
            ObjectNode p = flatten(property);
            Class<?> raw = c.getType();
            boolean nullable = recordType == IntakeOutcome.class ? OUTCOME_NULLABLE.contains(c.getName())
                    : RESULT_NULLABLE.getOrDefault(recordType, Set.of()).contains(c.getName());
            if (nullable != types(p).contains("null")) {
                problem(path + ": null " + (nullable ? "must" : "must not") + " be allowed; type is " + types(p));
            }
            if (raw.isRecord()) {
                checkSerializedRecord(path, raw, property);
            } else if (raw == List.class) {
                expectType(path, p, "array");
                Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
                if (element == String.class) {
                    expectType(path + "[]", flatten(p.path("items")), "string");
                } else {
                    checkSerializedRecord(path + "[]", element, p.path("items"));
                }
            } else if (raw == int.class || raw == long.class || raw == Integer.class) {
                expectType(path, p, "integer");
                String format = raw == long.class ? "int64" : "int32";
                expectFormat(path, p, format);
            } else if (raw == BigDecimal.class) {
                expectType(path, p, "string");
                boolean ratio = RATIO_COMPONENTS.contains(recordType.getSimpleName() + "." + c.getName());
                expectPattern(path + (ratio ? " (ratio)" : " (money)"), p, ratio ? RATE_PATTERN : MONEY_PATTERN);
            } else if (raw == LocalDate.class) {
                expectType(path, p, "string");
                expectFormat(path, p, "date");
            } else if (raw == Instant.class || raw == OffsetDateTime.class) {
                expectType(path, p, "string");
                expectFormat(path, p, "date-time");
            } else if (raw.isEnum()) {
                expectEnum(path, p, raw);
            } else if (raw == String.class) {
                expectType(path, p, "string");
            } else {
                problem(path + ": no wire form known for " + raw.getName());
            }
        }
    }

    // ---- results back to a bank: CloudEvents written by ContractJson ----

    /** Each kind of result data by its CloudEvents type, from the sealed {@link ResultData}. */
    static Map<String, Class<?>> resultTypes() {
        Map<String, Class<?>> types = new java.util.TreeMap<>();
        for (Class<?> kind : ResultData.class.getPermittedSubclasses()) {
            try {
                types.put((String) kind.getField("TYPE").get(null), kind);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(kind + " declares no TYPE", e);
            }
        }
        return types;
    }

    private void checkBankResults() {
        JsonNode channel = MissingNode.getInstance();
        for (JsonNode c : doc.path("channels").values()) {
            if (BANK_RESULTS_ADDRESS.equals(c.path("address").asString(""))) {
                channel = c;
            }
        }
        if (channel.isMissingNode()) {
            problem("no channel with address " + BANK_RESULTS_ADDRESS);
            return;
        }
        Map<String, Class<?>> expected = resultTypes();
        Set<String> documented = new TreeSet<>();
        for (JsonNode reference : channel.path("messages").values()) {
            JsonNode message = resolve(reference);
            ObjectNode payload = flatten(message.path("payload"));
            String type = flatten(payload.path("properties").path("type")).path("const").asString(null);
            Class<?> dataType = expected.get(type);
            if (dataType == null) {
                problem("result message '" + message.path("name").asString("") + "' declares type " + type
                        + ", which no ResultData kind has (" + expected.keySet() + ")");
                continue;
            }
            documented.add(type);
            if (!type.equals(message.path("name").asString(""))) {
                problem(type + ": message name is '" + message.path("name").asString("") + "'");
            }
            checkResultEnvelope(type, payload);
            checkSubjectKey(type, message);
            checkSerializedRecord(dataType.getSimpleName(), dataType, payload.path("properties").path("data"));
        }
        for (String type : expected.keySet()) {
            if (!documented.contains(type)) {
                problem("no message for result type " + type + " on the channel " + BANK_RESULTS_ADDRESS);
            }
        }
    }

    private void checkResultEnvelope(String where, ObjectNode payload) {
        Set<String> attributes = Arrays.stream(BankResult.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> required = strings(payload.path("required"));
        if (!required.equals(attributes)) {
            problem(where + ": envelope required " + required + " differs from BankResult " + attributes
                    + missingAndExtra(attributes, required));
        }
        Set<String> declared = new TreeSet<>(payload.path("properties").propertyNames());
        if (!declared.equals(attributes)) {
            problem(where + ": envelope properties " + declared + " differ from BankResult " + attributes
                    + missingAndExtra(attributes, declared));
        }
        JsonNode props = payload.path("properties");
        expectConst(where + " specversion", flatten(props.path("specversion")), BankResult.SPEC_VERSION);
        expectConst(where + " source", flatten(props.path("source")), BankResult.SOURCE);
        expectConst(where + " datacontenttype", flatten(props.path("datacontenttype")), BankResult.CONTENT_TYPE);
        expectFormat(where + " time", flatten(props.path("time")), "date-time");
        for (String text : List.of("id", "subject")) {
            if (flatten(props.path(text)).path("minLength").asInt(0) != 1) {
                problem(where + " " + text + ": minLength must be 1 (never empty)");
            }
        }
    }

    private void checkSubjectKey(String where, JsonNode message) {
        ObjectNode key = flatten(resolve(message.path("bindings")).path("kafka").path("key"));
        if (!types(key).equals(Set.of("string")) || key.has("pattern") || key.has("format")) {
            problem(where + ": Kafka key must be the subject, a plain string; is " + key);
        }
    }

    // ---- channels ----

    private void checkChannels() {
        Map<String, String> addresses = new java.util.TreeMap<>(); // channel id -> address with sample bank code
        for (Map.Entry<String, JsonNode> channel : doc.path("channels").properties()) {
            String address = channel.getValue().path("address").asString("");
            for (String parameter : List.of("bankCode", "insurerCode")) {
                if (address.contains("{" + parameter + "}")) {
                    checkBankCodeParameter(channel.getKey(), channel.getValue(), parameter);
                }
            }
            addresses.put(channel.getKey(), address.replace("{bankCode}", SAMPLE_BANK_CODE)
                    .replace("{insurerCode}", SAMPLE_BANK_CODE));
        }
        for (java.lang.reflect.Field constant : Topics.class.getFields()) {
            if (!Modifier.isStatic(constant.getModifiers()) || constant.getType() != String.class) {
                continue;
            }
            String value = constantValue(constant);
            if (constant.getName().endsWith("_PATTERN")) {
                Pattern pattern = Pattern.compile(value);
                if (addresses.values().stream().noneMatch(a -> pattern.matcher(a).matches())) {
                    problem("no channel for Topics." + constant.getName() + " (" + value + ")");
                }
            } else if (!addresses.containsValue(value)) {
                problem("no channel for Topics." + constant.getName() + " (" + value + ")");
            }
        }
        expectAddress("Topics.bankEvents", addresses, Topics.bankEvents(SAMPLE_BANK_CODE));
        expectAddress("Topics.bankResults", addresses, Topics.bankResults(SAMPLE_BANK_CODE));
        expectAddress("Topics.insurerEvents", addresses, Topics.insurerEvents(SAMPLE_BANK_CODE));
        expectAddress("Topics.insurerResults", addresses, Topics.insurerResults(SAMPLE_BANK_CODE));

        // what the system receives is exactly what intake subscribes to
        Pattern inbound = Pattern.compile(Topics.INBOUND_PATTERN);
        for (Map.Entry<String, JsonNode> operation : doc.path("operations").properties()) {
            String ref = operation.getValue().path("channel").path("$ref").asString("");
            String channelId = ref.substring(ref.lastIndexOf('/') + 1);
            String address = addresses.get(channelId);
            if (address == null) {
                problem("operation " + operation.getKey() + " refers to unknown channel " + ref);
                continue;
            }
            boolean receive = "receive".equals(operation.getValue().path("action").asString(""));
            if (receive != inbound.matcher(address).matches()) {
                problem("operation " + operation.getKey() + " " + (receive ? "receives from" : "sends to") + " " + address
                        + ", but Topics.INBOUND_PATTERN " + (receive ? "does not match" : "matches") + " it");
            }
        }
        for (EventType type : EventType.values()) {
            String topic = switch (type.sender()) {
                case BANK -> Topics.bankEvents(SAMPLE_BANK_CODE);
                case INSURER -> Topics.insurerEvents(SAMPLE_BANK_CODE);
                case CREDIT_PLATFORM -> Topics.CREDIT_EVENTS;
            };
            boolean carried = false;
            for (Map.Entry<String, JsonNode> channel : doc.path("channels").properties()) {
                if (!topic.equals(addresses.get(channel.getKey()))) {
                    continue;
                }
                for (JsonNode m : channel.getValue().path("messages").values()) {
                    if (type.typeName().equals(resolve(m).path("name").asString(""))) {
                        carried = true;
                    }
                }
            }
            if (!carried) {
                problem(type.typeName() + " is not among the messages of the channel " + topic);
            }
        }
    }

    private void checkBankCodeParameter(String channelId, JsonNode channel, String name) {
        JsonNode parameter = resolve(channel.path("parameters").path(name));
        String pattern = parameter.path("x-pattern").asString(null);
        if (pattern == null) {
            problem("channel " + channelId + ": parameter " + name + " has no x-pattern");
            return;
        }
        Pattern compiled = Pattern.compile(pattern);
        for (String sample : List.of("ICBC-SH", "AB", "BOCOM", "A234567890123456", "A", "icbc", "ICBC_SH", "A2345678901234567", "")) {
            if (compiled.matcher(sample).find() != BankCode.isValid(sample)) {
                problem("channel " + channelId + ": " + name + " x-pattern " + pattern + " and BankCode disagree on '" + sample + "'");
            }
        }
    }

    private void expectAddress(String what, Map<String, String> addresses, String topic) {
        if (!addresses.containsValue(topic)) {
            problem("no channel for " + what + " (" + topic + ")");
        }
    }

    private static String constantValue(java.lang.reflect.Field constant) {
        try {
            return (String) constant.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- schema helpers ----

    /** Follows local {@code $ref}s ({@code #/…}) to the schema they name. */
    JsonNode resolve(JsonNode node) {
        int hops = 0;
        while (node.isObject() && node.has("$ref")) {
            String ref = node.get("$ref").asString();
            if (!ref.startsWith("#/") || ++hops > 20) {
                problem("cannot resolve $ref " + ref);
                return MissingNode.getInstance();
            }
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                problem("dangling $ref " + ref);
            }
            node = target;
        }
        return node;
    }

    /** The schema with its {@code $ref} resolved and its {@code allOf} members merged in. */
    ObjectNode flatten(JsonNode node) {
        JsonNode schema = resolve(node);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!schema.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            if (!e.getKey().equals("allOf")) {
                out.set(e.getKey(), e.getValue());
            }
        }
        for (JsonNode member : schema.path("allOf").values()) {
            ObjectNode m = flatten(member);
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                switch (e.getKey()) {
                    case "properties" -> {
                        ObjectNode merged = out.has("properties") ? ((ObjectNode) out.get("properties")).deepCopy()
                                : JsonNodeFactory.instance.objectNode();
                        e.getValue().properties().forEach(p -> merged.set(p.getKey(), p.getValue()));
                        out.set("properties", merged);
                    }
                    case "required" -> {
                        Set<String> union = new LinkedHashSet<>(strings(out.path("required")));
                        union.addAll(strings(e.getValue()));
                        var array = JsonNodeFactory.instance.arrayNode();
                        union.forEach(array::add);
                        out.set("required", array);
                    }
                    default -> {
                        if (!out.has(e.getKey())) {
                            out.set(e.getKey(), e.getValue());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether a (flattened) string schema accepts a value: pattern, const, enum, lengths, not. */
    static boolean accepts(ObjectNode schema, String value) {
        if (schema.has("const") && !schema.get("const").asString("").equals(value)) {
            return false;
        }
        if (schema.has("enum") && !strings(schema.get("enum")).contains(value)) {
            return false;
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asString()).matcher(value).find()) {
            return false;
        }
        int length = value.codePointCount(0, value.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            return false;
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            return false;
        }
        if (schema.path("not").isObject() && accepts((ObjectNode) schema.get("not"), value)) {
            return false;
        }
        return true;
    }

    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return Set.of(type.asString());
        }
        return strings(type);
    }

    static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        for (JsonNode n : array.values()) {
            out.add(n.asString());
        }
        return out;
    }

    private void expectType(String where, ObjectNode schema, String type) {
        if (!types(schema).contains(type)) {
            problem(where + ": type must be " + type + ", is " + types(schema));
        }
    }

    private void expectFormat(String where, ObjectNode schema, String format) {
        if (!format.equals(schema.path("format").asString(""))) {
            problem(where + ": format must be " + format + ", is '" + schema.path("format").asString("") + "'");
        }
    }

    private void expectConst(String where, ObjectNode schema, String value) {
        if (!value.equals(schema.path("const").asString(null))) {
            problem(where + ": const must be '" + value + "', is " + schema.path("const"));
        }
    }

    private void expectPattern(String where, ObjectNode schema, String pattern) {
        if (!pattern.equals(schema.path("pattern").asString(null))) {
            problem(where + ": pattern must be " + pattern + ", is " + schema.path("pattern"));
        }
    }

    private void expectNumber(String where, ObjectNode schema, String keyword, long value) {
        JsonNode n = schema.path(keyword);
        if (!n.isIntegralNumber() || n.longValue() != value) {
            problem(where + ": " + keyword + " must be " + value + ", is " + (n.isMissingNode() ? "absent" : n));
        }
    }

    private void expectEnum(String where, ObjectNode schema, Class<?> enumType) {
        expectType(where, schema, "string");
        List<String> constants = Arrays.stream(enumType.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
        Set<String> declared = strings(schema.path("enum"));
        if (!declared.equals(new TreeSet<>(constants))) {
            problem(where + ": enum " + declared + " differs from " + enumType.getSimpleName() + " " + constants
                    + missingAndExtra(new TreeSet<>(constants), declared));
        }
    }

    private static String missingAndExtra(Set<String> expected, Set<String> declared) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(declared);
        Set<String> extra = new TreeSet<>(declared);
        extra.removeAll(expected);
        return (missing.isEmpty() ? "" : "; missing in asyncapi.yaml: " + missing)
                + (extra.isEmpty() ? "" : "; not in Java: " + extra);
    }

    private void problem(String text) {
        problems.add(text);
    }
}
