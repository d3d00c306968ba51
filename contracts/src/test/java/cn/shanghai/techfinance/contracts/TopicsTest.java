package cn.shanghai.techfinance.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic names of the contract, and the sender each inbound topic proves. */
class TopicsTest {

    private static final Pattern INBOUND = Pattern.compile(Topics.INBOUND_PATTERN);
    private static final Pattern BANK_EVENTS = Pattern.compile(Topics.BANK_EVENTS_PATTERN);

    @ParameterizedTest
    @ValueSource(strings = {"tf.bank.ICBC-SH.events.v1", "tf.bank.AB.events.v1", "tf.bank.BOCOM.events.v1",
            "tf.bank.A234567890123456.events.v1", "tf.bank.99.events.v1"})
    void bankTopicsAreInbound(String topic) {
        assertThat(INBOUND.matcher(topic).matches()).isTrue();
        assertThat(BANK_EVENTS.matcher(topic).matches()).isTrue();
    }

    @Test
    void theCreditTopicIsInboundButNotABankTopic() {
        assertThat(INBOUND.matcher(Topics.CREDIT_EVENTS).matches()).isTrue();
        assertThat(BANK_EVENTS.matcher(Topics.CREDIT_EVENTS).matches()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf.bank.ICBC-SH.results.v1", "tf.intake.outcomes.v1", "tf.intake.dlq.v1",
            "tf.subsidy.claims.v1", "tf.bank.icbc-sh.events.v1", "tf.bank.A.events.v1",
            "tf.bank.A2345678901234567.events.v1", "tf.bank.ICBC-SH.events.v2", "tf.bank.ICBC_SH.events.v1",
            "tf.bank.ICBC.SH.events.v1", "xtf.bank.ICBC-SH.events.v1", "tf.bank.ICBC-SH.events.v1x",
            "tf.credit.events.v2", "tfXbank.ICBC-SH.events.v1", "tf.bank..events.v1"})
    void otherTopicsAreNotInbound(String topic) {
        assertThat(INBOUND.matcher(topic).matches()).as(topic).isFalse();
    }

    @Test
    void namesOfTheTopicsThisSystemWrites() {
        assertThat(Topics.bankEvents("ICBC-SH")).isEqualTo("tf.bank.ICBC-SH.events.v1");
        assertThat(Topics.bankResults("ICBC-SH")).isEqualTo("tf.bank.ICBC-SH.results.v1");
        assertThat(Topics.INTAKE_OUTCOMES).isEqualTo("tf.intake.outcomes.v1");
        assertThat(Topics.INTAKE_DEAD_LETTERS).isEqualTo("tf.intake.dlq.v1");
        assertThat(INBOUND.matcher(Topics.bankResults("ICBC-SH")).matches()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"icbc", "A", "ICBC_SH", "A2345678901234567", "", "ICBC SH"})
    void invalidBankCodesMakeNoTopic(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.bankEvents(code));
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.bankResults(code));
        assertThat(BankCode.isValid(code)).isFalse();
    }

    @Test
    void expectedSourceOfAnInboundTopic() {
        assertThat(Topics.expectedSource("tf.bank.ICBC-SH.events.v1")).contains("bank/ICBC-SH");
        assertThat(Topics.expectedSource(Topics.bankEvents("BOCOM"))).contains(EventSource.bank("BOCOM"));
        assertThat(Topics.expectedSource(Topics.CREDIT_EVENTS)).contains(EventSource.CREDIT_PLATFORM);
        assertThat(Topics.expectedSource("tf.insurer.PICC-SH.events.v1")).contains("insurer/PICC-SH");
        assertThat(Topics.expectedSource(Topics.insurerResults("PICC-SH"))).isEmpty();
        assertThat(INBOUND.matcher(Topics.insurerEvents("PICC-SH")).matches()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf.bank.ICBC-SH.results.v1", "tf.intake.outcomes.v1", "tf.intake.dlq.v1",
            "tf.subsidy.claims.v1", "tf.bank.icbc.events.v1", "tf.bank.ICBC-SH.events.v2", ""})
    void noExpectedSourceOutsideTheInboundContract(String topic) {
        assertThat(Topics.expectedSource(topic)).isEmpty();
    }

    @Test
    void everyTopicWithAnExpectedSourceIsSubscribed() {
        for (String topic : new String[] {"tf.bank.ICBC-SH.events.v1", "tf.bank.AB.events.v1", Topics.CREDIT_EVENTS}) {
            assertThat(Topics.expectedSource(topic)).as(topic).isPresent();
            assertThat(INBOUND.matcher(topic).matches()).as(topic).isTrue();
        }
    }

    @Test
    void sources() {
        assertThat(EventSource.bank("ICBC-SH")).isEqualTo("bank/ICBC-SH");
        assertThat(EventSource.bankCode("bank/ICBC-SH")).contains("ICBC-SH");
        assertThat(EventSource.bankCode("credit-platform")).isEmpty();
        assertThat(EventSource.bankCode("bank/icbc")).isEmpty();
        assertThat(EventSource.bankCode(null)).isEmpty();
        assertThat(EventSource.isValid("credit-platform")).isTrue();
        assertThat(EventSource.isValid("bank/ICBC-SH")).isTrue();
        assertThat(EventSource.isValid("bank/")).isFalse();
        assertThat(EventSource.isValid("Credit-Platform")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> EventSource.bank("icbc"));
        assertThat(EventSource.insurer("PICC-SH")).isEqualTo("insurer/PICC-SH");
        assertThat(EventSource.insurerCode("insurer/PICC-SH")).contains("PICC-SH");
        assertThat(EventSource.insurerCode("bank/PICC-SH")).isEmpty();
        assertThat(EventSource.senderCode("insurer/PICC-SH")).contains("PICC-SH");
        assertThat(EventSource.senderCode("bank/ICBC-SH")).contains("ICBC-SH");
        assertThat(EventSource.senderCode(EventSource.CREDIT_PLATFORM)).isEmpty();
        assertThat(EventSource.bankCode("insurer/PICC-SH")).isEmpty();
        assertThat(EventSource.isValid("insurer/PICC-SH")).isTrue();
        assertThat(EventSource.isValid("insurer/")).isFalse();
    }

    @Test
    void everyTopicIsProvisionedWithItsPartitions() {
        assertThat(Topics.platformTopics()).containsExactly(
                new TopicSpec("tf.credit.events.v1", 4), new TopicSpec("tf.intake.outcomes.v1", 4),
                new TopicSpec("tf.intake.dlq.v1", 1), new TopicSpec("tf.subsidy.claims.v1", 4),
                new TopicSpec("tf.subsidy.nightly-partitions.v1", 4));
        assertThat(Topics.bankTopics("ICBC-SH")).containsExactly(
                new TopicSpec("tf.bank.ICBC-SH.events.v1", 4), new TopicSpec("tf.bank.ICBC-SH.results.v1", 4));
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.bankTopics("icbc"));
    }
}
