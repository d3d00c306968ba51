package cn.shanghai.techfinance.contracts.bank;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes inbound events exactly as contracts/bank-events.md defines them. Reading
 * validates everything the contract states and never guesses: each problem becomes a
 * {@link Violation} naming the field. The wire form of each field follows from its record
 * component's Java type and {@link Field} annotation, so records, codec and AsyncAPI document
 * cannot drift apart silently.
 */
public final class BankEventCodec {

    private static final Pattern MONEY = Pattern.compile("[0-9]{1,16}(\\.[0-9]{1,2})?");
    private static final Pattern RATE = Pattern.compile("[0-9]+(\\.[0-9]{1,6})?");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** Ids are stored and looked up; a bound keeps the ledger's key small (a UUID takes 36). */
    public static final int MAX_ID_LENGTH = 128;
    /** A list, not a Set.of: its order is the order of the violations, the same in every JVM. */
    private static final List<String> ENVELOPE_REQUIRED = List.of("specversion", "id", "source", "type", "time", "data");
    /** What a rejection of the whole record reports of its envelope, if it can be read. */
    private static final List<String> ENVELOPE_IDENTITY = List.of("id", "source", "type");

    /** Reflection once per record type, not once per event: intake decodes tens of thousands a second. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };
    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            Class<?>[] types = Arrays.stream(COMPONENTS.get(type)).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                return type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor on " + type, e);
            }
        }
    };

    /** Intake's limit on a record's size, well below the broker's 1 MiB record limit. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    /** The contract's deepest structure (an event's firm's qualifications) nests 5 levels. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    private final int maxEventBytes;
    private final JsonMapper mapper;

    /** A codec with the contract's default limits. */
    public BankEventCodec() {
        this(DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_NESTING_DEPTH);
    }

    /**
     * A codec that rejects a record longer than {@code maxEventBytes} without parsing it
     * ({@link RejectionCode#TOO_LARGE}), and stops parsing at the first object or array nested
     * deeper than {@code maxNestingDepth} ({@link RejectionCode#TOO_DEEP}).
     */
    public BankEventCodec(int maxEventBytes, int maxNestingDepth) {
        if (maxEventBytes < 1 || maxNestingDepth < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxEventBytes + " bytes, depth " + maxNestingDepth);
        }
        this.maxEventBytes = maxEventBytes;
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(new DepthLimit(maxNestingDepth)).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public DecodeResult decode(byte[] json) {
        if (json.length > maxEventBytes) {
            return tooLarge(json);
        }
        int notUtf8 = firstInvalidUtf8(json);
        if (notUtf8 >= 0) {
            return malformed("not valid JSON: the record is not UTF-8 (an invalid byte sequence at byte " + notUtf8 + ")");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (TooDeep e) {
            return rejectedWhole(json, json.length, new Violation("$", RejectionCode.TOO_DEEP,
                    "objects and arrays nest more than " + e.limit + " levels deep; the record was read no further"));
        } catch (JacksonException e) {
            return malformed("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return malformed("the record is not a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        for (String name : ENVELOPE_REQUIRED) {
            if (root.get(name) == null || root.get(name).isNull()) {
                violations.add(new Violation(name, RejectionCode.MISSING_FIELD, name + " is required"));
            }
        }
        String id = envelopeString(root, "id", violations);
        String source = envelopeString(root, "source", violations);
        String typeName = envelopeString(root, "type", violations);
        String specVersion = envelopeString(root, "specversion", violations);
        String timeText = envelopeString(root, "time", violations);

        if (id != null && id.isEmpty()) {
            violations.add(new Violation("id", RejectionCode.INVALID_FORMAT, "id must not be empty"));
            id = null;
        } else if (id != null && id.endsWith(" ")) {
            // SQL compares strings padded with spaces: "e1 " would be the ledger's "e1", a different event here
            violations.add(new Violation("id", RejectionCode.INVALID_FORMAT, "id must not end with a space"));
            id = null;
        } else if (id != null && id.length() > MAX_ID_LENGTH) {
            violations.add(new Violation("id", RejectionCode.OUT_OF_RANGE, "id must be at most " + MAX_ID_LENGTH + " characters"));
            id = null;
        }
        if (specVersion != null && !BankEvent.SPEC_VERSION.equals(specVersion)) {
            violations.add(new Violation("specversion", RejectionCode.UNSUPPORTED_SPECVERSION,
                    "specversion must be 1.0, was " + specVersion));
        }
        if (source != null && !cn.shanghai.techfinance.contracts.EventSource.isValid(source)) {
            violations.add(new Violation("source", RejectionCode.INVALID_FORMAT,
                    "source must be bank/<bankCode> or credit-platform, was " + source));
        }
        OffsetDateTime time = null;
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                violations.add(new Violation("time", RejectionCode.INVALID_FORMAT,
                        "time must be an RFC 3339 timestamp with offset, was " + timeText));
            }
        }
        String contentType = envelopeString(root, "datacontenttype", violations);
        if (contentType != null && !BankEvent.CONTENT_TYPE.equals(contentType)) {
            violations.add(new Violation("datacontenttype", RejectionCode.INVALID_FORMAT,
                    "datacontenttype must be application/json"));
        }

        EventType type = null;
        if (typeName != null) {
            type = EventType.fromTypeName(typeName).orElse(null);
            if (type == null) {
                violations.add(new Violation("type", RejectionCode.UNKNOWN_TYPE, "unknown event type " + typeName));
            } else if (source != null && !sentBy(type, source)) {
                violations.add(new Violation("source", RejectionCode.SOURCE_MISMATCH,
                        typeName + " is sent by " + (type.sender() == EventType.Sender.BANK ? "a bank" : "the credit platform")
                                + ", not " + source));
            }
        }
        EventData data = null;
        JsonNode dataNode = root.get("data");
        if (type != null && dataNode != null && !dataNode.isNull()) {
            data = (EventData) readValue(dataNode, "data", type.dataType(), type.dataType(), null, violations);
            if (data != null && violations.isEmpty()) {
                data.checkConsistency(violations);
            }
        }
        if (!violations.isEmpty()) {
            return new DecodeResult.Rejected(id, source, typeName, violations);
        }
        return new DecodeResult.Decoded(new BankEvent(id, source, time, data));
    }

    public byte[] encode(BankEvent event) {
        ObjectNode root = mapper.createObjectNode();
        root.put("specversion", BankEvent.SPEC_VERSION);
        root.put("id", event.id());
        root.put("source", event.source());
        root.put("type", event.type().typeName());
        root.put("time", event.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        root.put("datacontenttype", BankEvent.CONTENT_TYPE);
        root.set("data", writeValue(event.data()));
        return mapper.writeValueAsBytes(root);
    }

    private static boolean sentBy(EventType type, String source) {
        boolean fromCreditPlatform = cn.shanghai.techfinance.contracts.EventSource.CREDIT_PLATFORM.equals(source);
        return (type.sender() == EventType.Sender.CREDIT_PLATFORM) == fromCreditPlatform;
    }

    /**
     * The offset of the first byte that is not well-formed UTF-8, or -1. The parser's own decoding
     * lets overlong forms (C0 AF for "/"), encoded surrogates and code points past U+10FFFF through;
     * the JDK's decoder refuses them all.
     */
    private static int firstInvalidUtf8(byte[] json) {
        ByteBuffer in = ByteBuffer.wrap(json);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(json.length), true);
        return result.isError() ? in.position() : -1;
    }

    /** A record over the size limit: not parsed, only its envelope looked for in its first {@code maxEventBytes} bytes. */
    private DecodeResult tooLarge(byte[] json) {
        return rejectedWhole(json, Math.min(json.length, maxEventBytes), new Violation("$", RejectionCode.TOO_LARGE,
                "the record is " + json.length + " bytes, more than the limit of " + maxEventBytes + " bytes"));
    }

    /**
     * A rejection of the whole record, with the envelope's top-level {@code id}, {@code source} and
     * {@code type} where they come before the point where reading stops (a streaming read of at
     * most {@code length} bytes that builds nothing and keeps the nesting limit), so that the
     * sender can still be told which event it was.
     */
    private DecodeResult rejectedWhole(byte[] json, int length, Violation violation) {
        String[] envelope = new String[3];
        try (JsonParser parser = mapper.createParser(json, 0, length)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME
                        && (envelope[0] == null || envelope[1] == null || envelope[2] == null)) {
                    int slot = ENVELOPE_IDENTITY.indexOf(parser.currentName());
                    if (parser.nextToken() == JsonToken.VALUE_STRING && slot >= 0 && envelope[slot] == null) {
                        envelope[slot] = parser.getString();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (JacksonException e) {
            // reading stopped inside a value (the cut, the depth, bad JSON): what was read so far is what is known
        }
        String id = envelope[0] == null || envelope[0].isEmpty() || envelope[0].length() > MAX_ID_LENGTH ? null : envelope[0];
        return new DecodeResult.Rejected(id, envelope[1], envelope[2], List.of(violation));
    }

    /** The parser's nesting limit, failing with its own exception so that a too-deep record is told apart from bad JSON. */
    private static final class DepthLimit extends StreamReadConstraints {

        private static final long serialVersionUID = 1L;

        DepthLimit(int maxNestingDepth) {
            super(maxNestingDepth, DEFAULT_MAX_DOC_LEN, DEFAULT_MAX_TOKEN_COUNT, DEFAULT_MAX_NUM_LEN, DEFAULT_MAX_STRING_LEN,
                    DEFAULT_MAX_NAME_LEN);
        }

        @Override
        public void validateNestingDepth(int depth) throws StreamConstraintsException {
            if (depth > _maxNestingDepth) {
                throw new TooDeep(_maxNestingDepth);
            }
        }
    }

    private static final class TooDeep extends StreamConstraintsException {

        private static final long serialVersionUID = 1L;
        final int limit;

        TooDeep(int limit) {
            super("nesting depth exceeds " + limit);
            this.limit = limit;
        }
    }

    private static DecodeResult malformed(String message) {
        return new DecodeResult.Rejected(null, null, null,
                List.of(new Violation("$", RejectionCode.MALFORMED_JSON, message)));
    }

    private static String envelopeString(JsonNode root, String name, List<Violation> violations) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            violations.add(new Violation(name, RejectionCode.WRONG_TYPE, name + " must be a string"));
            return null;
        }
        return node.stringValue();
    }

    // ---- reading: one method per wire kind, chosen by Java type and annotation ----

    private Object readValue(JsonNode node, String path, Class<?> raw, Type generic, RecordComponent component,
                             List<Violation> out) {
        if (raw.isRecord()) {
            return readRecord(node, path, raw, out);
        }
        if (raw == List.class) {
            return readList(node, path, (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0], out);
        }
        if (raw == boolean.class) {
            if (!node.isBoolean()) {
                return wrongType(path, "a JSON boolean", out);
            }
            return node.booleanValue();
        }
        if (raw == int.class) {
            return readCount(node, path, component.getAnnotation(Field.Count.class), out);
        }
        if (!node.isString()) {
            return wrongType(path, "a JSON string", out);
        }
        String text = node.stringValue();
        if (raw == String.class) {
            return readText(text, path, component, out);
        }
        if (raw == BigDecimal.class) {
            return component.isAnnotationPresent(Field.Rate.class) ? readRate(text, path, out) : readMoney(text, path, out);
        }
        if (raw == LocalDate.class) {
            return readDate(text, path, out);
        }
        if (raw.isEnum()) {
            return readEnum(text, path, raw, out);
        }
        throw new IllegalStateException("no wire form for " + raw + " at " + path);
    }

    private Object readRecord(JsonNode node, String path, Class<?> recordType, List<Violation> out) {
        if (!node.isObject()) {
            return wrongType(path, "a JSON object", out);
        }
        RecordComponent[] components = COMPONENTS.get(recordType);
        Set<String> known = new HashSet<>();
        Object[] values = new Object[components.length];
        int before = out.size();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            known.add(c.getName());
            String childPath = path + "." + c.getName();
            JsonNode child = node.get(c.getName());
            if (child == null || child.isNull()) {
                if (!c.isAnnotationPresent(Field.Optional.class)) {
                    out.add(new Violation(childPath, RejectionCode.MISSING_FIELD, c.getName() + " is required"));
                }
                continue;
            }
            values[i] = readValue(child, childPath, c.getType(), c.getGenericType(), c, out);
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!known.contains(property.getKey())) {
                out.add(new Violation(path + "." + property.getKey(), RejectionCode.UNKNOWN_FIELD,
                        property.getKey() + " is not a field of contract v1"));
            }
        }
        if (out.size() > before) {
            return null;
        }
        return construct(recordType, values);
    }

    private List<Object> readList(JsonNode node, String path, Class<?> elementType, List<Violation> out) {
        if (!node.isArray()) {
            wrongType(path, "a JSON array", out);
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(readValue(node.get(i), path + "[" + i + "]", elementType, elementType, null, out));
        }
        return values;
    }

    private static Object readCount(JsonNode node, String path, Field.Count range, List<Violation> out) {
        if (!node.isIntegralNumber()) {
            return wrongType(path, "a JSON integer", out);
        }
        long min = range == null ? 0 : range.min();
        long max = range == null ? Integer.MAX_VALUE : range.max();
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            out.add(new Violation(path, RejectionCode.OUT_OF_RANGE,
                    "must be between " + min + " and " + max + ", was " + node));
            return null;
        }
        return (int) node.longValue();
    }

    private static String readText(String text, String path, RecordComponent component, List<Violation> out) {
        if (component.isAnnotationPresent(Field.Uscc.class)) {
            if (!Uscc.isValid(text)) {
                out.add(new Violation(path, RejectionCode.INVALID_USCC,
                        "not a valid 统一社会信用代码 (GB 32100-2015 check character): " + text));
                return null;
            }
            return text;
        }
        Field.Digits digits = component.getAnnotation(Field.Digits.class);
        if (digits != null) {
            if (!text.matches("[0-9]{" + digits.value() + "}")) {
                out.add(new Violation(path, RejectionCode.INVALID_FORMAT,
                        "must be exactly " + digits.value() + " digits, was " + text));
                return null;
            }
            return text;
        }
        Field.Text rule = component.getAnnotation(Field.Text.class);
        int max = rule == null ? 64 : rule.max();
        if (text.isBlank()) {
            out.add(new Violation(path, RejectionCode.INVALID_FORMAT, "must not be empty"));
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            out.add(new Violation(path, RejectionCode.OUT_OF_RANGE, "must be at most " + max + " characters"));
            return null;
        }
        return text;
    }

    private static BigDecimal readMoney(String text, String path, List<Violation> out) {
        if (!MONEY.matcher(text).matches()) {
            out.add(new Violation(path, RejectionCode.INVALID_FORMAT,
                    "money must be plain digits with at most 2 decimals (e.g. \"3000000.00\"), was \"" + text + "\""));
            return null;
        }
        return new BigDecimal(text);
    }

    private static BigDecimal readRate(String text, String path, List<Violation> out) {
        if (!RATE.matcher(text).matches()) {
            out.add(new Violation(path, RejectionCode.INVALID_FORMAT,
                    "rate must be plain digits with at most 6 decimals (e.g. \"0.0345\"), was \"" + text + "\""));
            return null;
        }
        BigDecimal rate = new BigDecimal(text);
        if (rate.compareTo(BigDecimal.ONE) >= 0) {
            out.add(new Violation(path, RejectionCode.OUT_OF_RANGE, "rate must be below 1, was " + text));
            return null;
        }
        return rate;
    }

    private static LocalDate readDate(String text, String path, List<Violation> out) {
        if (DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text); // ISO_LOCAL_DATE resolves strictly: 2025-02-30 fails
            } catch (DateTimeParseException e) {
                // falls through to the violation
            }
        }
        out.add(new Violation(path, RejectionCode.INVALID_FORMAT, "must be a calendar date YYYY-MM-DD, was " + text));
        return null;
    }

    private static Object readEnum(String text, String path, Class<?> enumType, List<Violation> out) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(text)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining("|"));
        out.add(new Violation(path, RejectionCode.INVALID_ENUM, "must be one of " + allowed + ", was " + text));
        return null;
    }

    private static Object wrongType(String path, String expected, List<Violation> out) {
        out.add(new Violation(path, RejectionCode.WRONG_TYPE, "must be " + expected));
        return null;
    }

    private static Object construct(Class<?> recordType, Object[] values) {
        try {
            return CONSTRUCTORS.get(recordType).newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + recordType.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + recordType.getSimpleName(), e);
        }
    }

    // ---- writing: the exact inverse ----

    private JsonNode writeValue(Object value) {
        if (value instanceof Record record) {
            ObjectNode node = mapper.createObjectNode();
            for (RecordComponent c : COMPONENTS.get(record.getClass())) {
                Object componentValue = accessor(c, record);
                if (componentValue != null) {
                    node.set(c.getName(), writeValue(componentValue));
                }
            }
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = mapper.createArrayNode();
            list.forEach(element -> array.add(writeValue(element)));
            return array;
        }
        if (value instanceof Boolean flag) {
            return mapper.getNodeFactory().booleanNode(flag);
        }
        if (value instanceof Integer count) {
            return mapper.getNodeFactory().numberNode(count);
        }
        if (value instanceof BigDecimal decimal) {
            return mapper.getNodeFactory().stringNode(decimal.toPlainString());
        }
        if (value instanceof Enum<?> constant) {
            return mapper.getNodeFactory().stringNode(constant.name());
        }
        return mapper.getNodeFactory().stringNode(value.toString());
    }

    private static Object accessor(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
