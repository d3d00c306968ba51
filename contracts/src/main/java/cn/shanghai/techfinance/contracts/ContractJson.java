package cn.shanghai.techfinance.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of the records this system publishes (outcomes, claims, results): records as
 * objects, instants as ISO-8601 strings, money as strings. Inbound bank events have their own
 * strict codec, {@link cn.shanghai.techfinance.contracts.bank.BankEventCodec}.
 */
public final class ContractJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // money travels as a decimal string, never as a JSON number a reader may turn into a double
            .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .build();

    private ContractJson() {
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }
}
