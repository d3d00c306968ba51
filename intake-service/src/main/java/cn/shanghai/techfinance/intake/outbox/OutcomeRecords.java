package cn.shanghai.techfinance.intake.outbox;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import java.nio.charset.StandardCharsets;
import cn.shanghai.techfinance.outbox.OutboxRecord;
import java.util.Map;

/** Outbox records for intake's own topics. */
public final class OutcomeRecords {

    private OutcomeRecords() {
    }

    /** An outcome on {@code tf.intake.outcomes.v1}, keyed by bank code so each bank's outcomes stay in order. */
    public static OutboxRecord outcome(IntakeOutcome outcome) {
        String key = outcome.bankCode() != null ? outcome.bankCode() : outcome.source();
        return new OutboxRecord(Topics.INTAKE_OUTCOMES, utf8(key), ContractJson.write(outcome), Map.of());
    }

    /** An unreadable record, byte for byte, on the dead-letter topic with where it came from. */
    public static OutboxRecord deadLetter(String topic, int partition, long offset, byte[] key, byte[] value, String reason) {
        return new OutboxRecord(Topics.INTAKE_DEAD_LETTERS, key, value, Map.of(
                "tf-origin-topic", utf8(topic),
                "tf-origin-partition", utf8(String.valueOf(partition)),
                "tf-origin-offset", utf8(String.valueOf(offset)),
                "tf-rejection", utf8(reason)));
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
