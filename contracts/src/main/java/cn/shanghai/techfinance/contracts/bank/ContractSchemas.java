package cn.shanghai.techfinance.contracts.bank;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The inbound contract's JSON Schemas, read from the AsyncAPI document (asyncapi.yaml on the
 * classpath) and compiled once per JVM: the CloudEvents envelope, and for each event type the
 * schema of its {@code data} and of the {@code source} that may send it. The dialect is JSON Schema
 * 2020-12 with format assertions on and three formats of the contract's own.
 */
final class ContractSchemas {

    static final String DOCUMENT = "classpath:asyncapi.yaml";

    /** What one event type's message says: its data's schema and who may send it. */
    record Message(Schema data, Schema source) {
    }

    private static final ContractSchemas INSTANCE = new ContractSchemas();

    final Schema envelope;
    final Map<EventType, Message> messages;
    /** The envelope's bound on {@code id}, for reporting the id of a record that is not read. */
    final int maxIdLength;

    private ContractSchemas() {
        JsonNode document = readDocument();
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .format(new UsccFormat())
                .format(new CalendarDateFormat())
                .format(new TimestampFormat())
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        envelope = compile(registry, "/components/schemas/CloudEventEnvelope");
        maxIdLength = document.at("/components/schemas/CloudEventEnvelope/properties/id/maxLength").asInt();
        Map<EventType, Message> byType = new EnumMap<>(EventType.class);
        for (Map.Entry<String, JsonNode> message : document.at("/components/messages").properties()) {
            JsonNode properties = message.getValue().at("/payload/allOf/1/properties");
            EventType.fromTypeName(properties.at("/type/const").asString("")).ifPresent(type -> byType.put(type, new Message(
                    compile(registry, pointer(properties.at("/data/$ref"))),
                    compile(registry, pointer(properties.at("/source/$ref"))))));
        }
        for (EventType type : EventType.values()) {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("asyncapi.yaml has no message for the event type " + type.typeName());
            }
        }
        messages = Map.copyOf(byType);
    }

    static ContractSchemas get() {
        return INSTANCE;
    }

    private static JsonNode readDocument() {
        try (InputStream in = ContractSchemas.class.getResourceAsStream("/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi.yaml is not on the classpath");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pointer(JsonNode ref) {
        String text = ref.asString("");
        if (!text.startsWith("#/")) {
            throw new IllegalStateException("asyncapi.yaml: expected a local $ref, found '" + text + "'");
        }
        return text.substring(1);
    }

    private static Schema compile(SchemaRegistry registry, String pointer) {
        Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
        schema.initializeValidators();
        return schema;
    }

    /** The schema format {@code uscc}: a 统一社会信用代码 whose 18th character passes the GB 32100-2015 check. */
    static final class UsccFormat implements Format {
        @Override
        public String getName() {
            return "uscc";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return Uscc.isValid(value);
        }
    }

    /** The schema format {@code date}, as the contract means it: a real calendar date YYYY-MM-DD (2025-02-30 is not). */
    static final class CalendarDateFormat implements Format {
        private static final Pattern FORM = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

        @Override
        public String getName() {
            return "date";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            if (!FORM.matcher(value).matches()) {
                return false;
            }
            try {
                // what ISO_LOCAL_DATE's strict resolving checks, without its formatter (a date in every event: the cost shows)
                LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10), Integer.parseInt(value, 8, 10, 10));
                return true;
            } catch (DateTimeException e) {
                return false;
            }
        }
    }

    /** The schema format {@code date-time}: an RFC 3339 timestamp with its offset, read as the codec reads it. */
    static final class TimestampFormat implements Format {
        @Override
        public String getName() {
            return "date-time";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            try {
                OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
