package cn.shanghai.techfinance.contracts.bank;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.networknt.schema.Schema;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes inbound events exactly as contracts/bank-events.md defines them. The JSON
 * Schemas of the AsyncAPI document (asyncapi.yaml) are the contract's one source: reading parses
 * the record, validates it against them ({@link ContractSchemas}), turns every finding into a
 * {@link Violation} naming the field with the contract's {@link RejectionCode}, and only then binds
 * {@code data} to its record with Jackson and checks the rules across fields that a schema cannot
 * state ({@link EventData#checkConsistency}). It never guesses: a null is an absent field.
 */
public final class BankEventCodec {

    /** Intake's limit on a record's size, well below the broker's 1 MiB record limit. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    /** The contract's deepest structure (an event's firm's qualifications) nests 5 levels. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    /** What a rejection of the whole record reports of its envelope, if it can be read. */
    private static final List<String> ENVELOPE_IDENTITY = List.of("id", "source", "type");

    private final int maxEventBytes;
    private final JsonMapper mapper;
    private final ContractSchemas schemas = ContractSchemas.get();

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
                // an absent field and a null one are the same to the contract: both are missing, unless optional
                .disable(JsonNodeFeature.READ_NULL_PROPERTIES)
                // the schemas let 12.0 pass as an integer (JSON Schema counts it one); the records' ints do not
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // writing: money and rates as plain decimal strings, an absent optional field not written
                .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
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
        Findings findings = new Findings();
        findings.add("", schemas.envelope, root);
        String id = string(root, "id");
        String source = string(root, "source");
        String typeName = string(root, "type");
        EventType type = null;
        if (typeName != null) {
            type = EventType.fromTypeName(typeName).orElse(null);
            if (type == null) {
                findings.add(new Violation("type", RejectionCode.UNKNOWN_TYPE, "unknown event type " + typeName));
            }
        }
        JsonNode data = root.get("data");
        if (type != null) {
            ContractSchemas.Message message = schemas.messages.get(type);
            if (source != null && !findings.has("source") && !message.source().validate(root.get("source")).isEmpty()) {
                findings.add(new Violation("source", RejectionCode.SOURCE_MISMATCH, typeName + " is sent by "
                        + switch (type.sender()) {
                            case BANK -> "a bank";
                            case INSURER -> "an insurer";
                            case CREDIT_PLATFORM -> "the credit platform";
                        } + ", not " + source));
            }
            if (data != null && data.isObject()) {
                findings.add("data", message.data(), data);
            }
        }
        List<Violation> violations = findings.violations();
        if (violations.isEmpty()) {
            EventData bound = bind(data, type, violations);
            if (bound != null) {
                bound.checkConsistency(violations);
                if (violations.isEmpty()) {
                    return new DecodeResult.Decoded(new BankEvent(id, source,
                            OffsetDateTime.parse(string(root, "time"), DateTimeFormatter.ISO_OFFSET_DATE_TIME), bound));
                }
            }
        }
        return new DecodeResult.Rejected(findings.has("id") ? null : id, source, typeName, violations);
    }

    public byte[] encode(BankEvent event) {
        ObjectNode root = mapper.createObjectNode();
        root.put("specversion", BankEvent.SPEC_VERSION);
        root.put("id", event.id());
        root.put("source", event.source());
        root.put("type", event.type().typeName());
        root.put("time", event.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        root.put("datacontenttype", BankEvent.CONTENT_TYPE);
        root.putPOJO("data", event.data());
        return mapper.writeValueAsBytes(root);
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

    /**
     * {@code data}, valid against its schema, as its record. A schema admits what a record cannot
     * hold only where JSON Schema is looser than Java (a float with no fraction for an int); Jackson
     * refuses that, and the field is reported as of the wrong kind.
     */
    private EventData bind(JsonNode data, EventType type, List<Violation> out) {
        try {
            return mapper.treeToValue(data, type.dataType());
        } catch (DatabindException e) {
            StringBuilder field = new StringBuilder("data");
            e.getPath().forEach(reference -> field.append(reference.getPropertyName() != null
                    ? "." + reference.getPropertyName() : "[" + reference.getIndex() + "]"));
            out.add(new Violation(field.toString(), RejectionCode.WRONG_TYPE, "cannot be read as the contract's value: "
                    + e.getOriginalMessage()));
            return null;
        }
    }

    /**
     * The violations of a record in the order found, at most one per field: of several (an empty
     * text fails minLength and pattern) the one whose code comes first in {@link RejectionCode},
     * so a wrong kind wins over a wrong form, and a wrong form over a bound.
     */
    private static final class Findings {

        private final Map<String, Violation> byField = new LinkedHashMap<>();

        void add(String prefix, Schema schema, JsonNode node) {
            for (com.networknt.schema.Error error : schema.validate(node)) {
                add(SchemaFinding.violation(prefix, error));
            }
        }

        void add(Violation violation) {
            byField.merge(violation.field(), violation,
                    (first, next) -> next.code().ordinal() < first.code().ordinal() ? next : first);
        }

        boolean has(String field) {
            return byField.containsKey(field);
        }

        List<Violation> violations() {
            return new ArrayList<>(byField.values());
        }
    }

    private static String string(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isString() ? node.stringValue() : null;
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
        String id = envelope[0] == null || envelope[0].isEmpty() || envelope[0].length() > schemas.maxIdLength ? null : envelope[0];
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
}
