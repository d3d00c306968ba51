package cn.shanghai.techfinance.contracts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kafka topic names of the public contracts (contracts/bank-events.md, architecture.md). */
public final class Topics {

    /** Each bank writes to its own topic; ACLs make the topic prove the sender. */
    public static final String BANK_EVENTS_PATTERN = "tf\\.bank\\.[A-Z0-9-]{2,16}\\.events\\.v1";
    /** Each insurer (科技保险) writes to its own topic, as a bank does; insurer and bank codes are one namespace. */
    public static final String INSURER_EVENTS_PATTERN = "tf\\.insurer\\.[A-Z0-9-]{2,16}\\.events\\.v1";
    public static final String CREDIT_EVENTS = "tf.credit.events.v1";
    /** Every topic intake consumes: all bank and insurer topics, present and future, and the credit platform's. */
    public static final String INBOUND_PATTERN = BANK_EVENTS_PATTERN + "|" + INSURER_EVENTS_PATTERN + "|tf\\.credit\\.events\\.v1";
    public static final String INTAKE_OUTCOMES = "tf.intake.outcomes.v1";
    /** Records that could not even be parsed, kept byte for byte for the operator. */
    public static final String INTAKE_DEAD_LETTERS = "tf.intake.dlq.v1";
    public static final String SUBSIDY_CLAIMS = "tf.subsidy.claims.v1";
    /**
     * subsidy-batch's own: the nightly manager's partition requests (one per slice of firms) to its
     * workers ({@code subsidy.nightly.role}); its partitions bound how many workers share a night.
     */
    public static final String NIGHTLY_PARTITIONS = "tf.subsidy.nightly-partitions.v1";

    /**
     * Partitions of every topic but the dead letters: room for four consumers of a group. Brokers do
     * not create topics on first use (a producer racing the creation of its topic loses records, see
     * the README's "Kafka topics"), so each topic is created up front with this count.
     */
    public static final int PARTITIONS = 4;
    /** Unreadable records are rare and read by an operator, in order. */
    public static final int DEAD_LETTER_PARTITIONS = 1;

    private static final Pattern BANK_TOPIC = Pattern.compile("tf\\.bank\\.([A-Z0-9-]{2,16})\\.events\\.v1");
    private static final Pattern INSURER_TOPIC = Pattern.compile("tf\\.insurer\\.([A-Z0-9-]{2,16})\\.events\\.v1");

    private Topics() {
    }

    public static String bankEvents(String bankCode) {
        return "tf.bank." + BankCode.require(bankCode) + ".events.v1";
    }

    public static String bankResults(String bankCode) {
        return "tf.bank." + BankCode.require(bankCode) + ".results.v1";
    }

    public static String insurerEvents(String insurerCode) {
        return "tf.insurer." + BankCode.require(insurerCode) + ".events.v1";
    }

    public static String insurerResults(String insurerCode) {
        return "tf.insurer." + BankCode.require(insurerCode) + ".results.v1";
    }

    /** The topics of the platform itself, created once when a deployment is set up. */
    public static List<TopicSpec> platformTopics() {
        return List.of(new TopicSpec(CREDIT_EVENTS, PARTITIONS), new TopicSpec(INTAKE_OUTCOMES, PARTITIONS),
                new TopicSpec(INTAKE_DEAD_LETTERS, DEAD_LETTER_PARTITIONS), new TopicSpec(SUBSIDY_CLAIMS, PARTITIONS),
                new TopicSpec(NIGHTLY_PARTITIONS, PARTITIONS));
    }

    /** A bank's two topics, created when the bank joins (before it sends its first event). */
    public static List<TopicSpec> bankTopics(String bankCode) {
        return List.of(new TopicSpec(bankEvents(bankCode), PARTITIONS), new TopicSpec(bankResults(bankCode), PARTITIONS));
    }

    /** An insurer's two topics, created when the insurer joins. */
    public static List<TopicSpec> insurerTopics(String insurerCode) {
        return List.of(new TopicSpec(insurerEvents(insurerCode), PARTITIONS),
                new TopicSpec(insurerResults(insurerCode), PARTITIONS));
    }

    /** The source that events on {@code topic} must carry, or empty for a topic outside the contract. */
    public static Optional<String> expectedSource(String topic) {
        if (CREDIT_EVENTS.equals(topic)) {
            return Optional.of(EventSource.CREDIT_PLATFORM);
        }
        Matcher bank = BANK_TOPIC.matcher(topic);
        if (bank.matches()) {
            return Optional.of(EventSource.bank(bank.group(1)));
        }
        Matcher insurer = INSURER_TOPIC.matcher(topic);
        return insurer.matches() ? Optional.of(EventSource.insurer(insurer.group(1))) : Optional.empty();
    }
}
