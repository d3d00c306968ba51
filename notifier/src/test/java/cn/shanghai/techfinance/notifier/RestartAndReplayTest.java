package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Across restarts, nothing is delivered twice: a second notifier instance whose consumer group has
 * no offsets at all (the worst case of a restart: every outcome and claim event is consumed again,
 * from the beginning of both topics) adds no delivery to the ledger and sends nothing, by any
 * channel, while running its own dispatcher beside the first.
 */
class RestartAndReplayTest extends NotifierIntegrationTest {

    private static final String BANK = "REPLAY-SH";

    @Autowired
    MeterRegistry meters;

    @Test
    void everythingConsumedAgainFromTheStartIsDeliveredNoMore() throws Exception {
        String uscc = TestData.uscc(601);
        BANKS.stubFor(post(urlEqualTo(hookPath(BANK))).willReturn(aResponse().withStatus(200)));
        registerWebhook(BANK, "restart-and-replay-secret-0123456789abcdef");
        registerContact(uscc, "board@firm601.test");
        publish(TestData.accepted(BANK, "rp-1"), TestData.rejected(BANK, "rp-2"));
        publish(TestData.lydClaim(BANK, uscc, "P-R1", 1, ClaimEvent.Status.COMPUTED),
                TestData.lydClaim(BANK, uscc, "P-R1", 2, ClaimEvent.Status.PUBLISHED));
        awaitSettled(BANK, 8);
        awaitSettled(uscc, 2);
        long rows = count("SELECT COUNT(*) FROM delivery");
        long delivered = count("SELECT COUNT(*) FROM delivery WHERE status = 'DELIVERED'");
        int requests = BANKS.getAllServeEvents().size();
        int mails = MAIL.getReceivedMessages().length;
        int results = results(BANK).size();

        String group = "notifier-replay-" + UUID.randomUUID();
        try (ConfigurableApplicationContext second = secondInstance(group)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> caughtUp(group));
            // then a few dispatch rounds of both instances: nothing is sent that was not leased
            DistributionSummary firstRounds = leasedPerRound(meters);
            DistributionSummary secondRounds = leasedPerRound(second.getBean(MeterRegistry.class));
            long firstSeen = firstRounds.count();
            long secondSeen = secondRounds.count();
            double firstLeased = firstRounds.totalAmount();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> firstRounds.count() >= firstSeen + 3 && secondRounds.count() >= secondSeen + 3);

            assertThat(secondRounds.totalAmount()).as("deliveries the second instance leased").isZero();
            assertThat(firstRounds.totalAmount()).as("deliveries the first instance leased since").isEqualTo(firstLeased);
            assertThat(count("SELECT COUNT(*) FROM delivery")).as("ledger rows").isEqualTo(rows);
            assertThat(count("SELECT COUNT(*) FROM delivery WHERE status = 'DELIVERED'")).isEqualTo(delivered);
            assertThat(BANKS.getAllServeEvents()).as("webhook requests").hasSize(requests);
            assertThat(MAIL.getReceivedMessages()).as("mails").hasSize(mails);
            assertThat(results(BANK)).as("results on the topic").hasSize(results);
        }
    }

    private static DistributionSummary leasedPerRound(MeterRegistry registry) {
        return registry.get("notifier.dispatch.leased").summary();
    }

    /** The same application, started again with the same settings (given as arguments: they win over application.yml). */
    private ConfigurableApplicationContext secondInstance(String group) {
        Map<String, String> settings = Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers()),
                Map.entry("spring.datasource.url", SharedInfrastructure.mariaDb().jdbcUrl(SCHEMA)),
                Map.entry("spring.datasource.username", SharedInfrastructure.mariaDb().username()),
                Map.entry("spring.datasource.password", SharedInfrastructure.mariaDb().password()),
                Map.entry("spring.mail.host", "127.0.0.1"),
                Map.entry("spring.mail.port", String.valueOf(MAIL.getSmtp().getPort())),
                Map.entry("spring.cloud.stream.bindings.outcomes-in-0.group", group),
                Map.entry("spring.cloud.stream.bindings.claims-in-0.group", group),
                Map.entry("management.server.port", "0"),
                Map.entry("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS.publicKeyLocation()));
        return new SpringApplicationBuilder(NotifierApplication.class).profiles("test")
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** Whether the group has committed, on every partition of both topics, everything there is. */
    private static boolean caughtUp(String group) throws ExecutionException, InterruptedException {
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.INTAKE_OUTCOMES, Topics.SUBSIDY_CLAIMS))
                    .allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition()))).toList();
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                    || (committed.get(p) != null && committed.get(p).offset() >= ends.get(p).offset()));
        }
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
