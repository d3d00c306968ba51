package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.SubsidyBatchApplication;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The nightly job scaled out — one manager and two workers ({@code subsidy.nightly.role}), sharing
 * the job repository and the broker — computes exactly what one standalone process computes from
 * the same ledger, night after night, even when its only worker is killed in the middle of a slice:
 * the manager gives up after its timeout, the night is FAILED with the reason, and its restart on
 * fresh workers finishes it. Each layout has a subsidy schema of its own, both read the ledger the
 * real intake wrote; every claim, claim unit and cap use of the two schemas is compared.
 */
class ScaleOutNightTest extends EndToEndTest {

    private static final long SEED = 20261202L;
    private static final List<String> BANKS = List.of("SCALE-A", "SCALE-B");
    private static final String SINGLE_SCHEMA = "subsidy_single";
    private static final String SCALED_SCHEMA = "subsidy_scaled";
    private static final Duration MANAGER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration NIGHT_PATIENCE = Duration.ofMinutes(3);

    @Test
    void oneManagerAndTwoWorkersComputeWhatOneProcessComputesEvenWithAWorkerKilledMidSlice() throws Exception {
        Scenario scenario = PopulationGenerator.generate(SEED, BANKS, List.of(), 30, 60_000);
        sendAndAwaitAccepted(scenario.events());
        List<LocalDate> nights = PopulationGenerator.NIGHTS;

        try (ConfigurableApplicationContext single = service(SINGLE_SCHEMA, "standalone")) {
            NightlyRuns runs = single.getBean(NightlyRuns.class);
            for (LocalDate night : nights) {
                NightlySteps.of(awaitEnd(runs, runs.launch(night))).completedCleanly(2);
            }
        }

        Path marker = Path.of("target", "frozen-worker-" + ProcessHandle.current().pid() + ".marker").toAbsolutePath();
        Files.deleteIfExists(marker);
        try (ConfigurableApplicationContext manager = service(SCALED_SCHEMA, "manager",
                "--subsidy.nightly.manager.timeout=" + MANAGER_TIMEOUT.toSeconds() + "s", "--subsidy.nightly.manager.poll-interval=100ms")) {
            NightlyRuns runs = manager.getBean(NightlyRuns.class);

            // the nights on one worker process, until it freezes inside its second chunk: it is killed there
            Process frozen = frozenWorker(marker);
            int interrupted = -1;
            try {
                awaitWorkers(1);
                for (int n = 0; n < nights.size() && interrupted < 0; n++) {
                    long id = runs.launch(nights.get(n)).getId();
                    await().atMost(NIGHT_PATIENCE).pollInterval(Duration.ofMillis(50))
                            .until(() -> Files.exists(marker) || !runs.execution(id).orElseThrow().isRunning());
                    if (Files.exists(marker)) {
                        interrupted = n;
                    } else {
                        NightlySteps.of(runs.execution(id).orElseThrow()).completedCleanly(2);
                    }
                }
                assertThat(interrupted).as("the frozen worker came to its second chunk").isNotNegative();
                assertThat(runs.last(nights.get(interrupted)).orElseThrow().isRunning()).isTrue();
                frozen.destroyForcibly().waitFor();
            } finally {
                frozen.destroyForcibly();
            }

            // no worker left: the manager waits no longer than its timeout, and says why the night failed
            JobExecution failed = awaitEnd(runs, runs.last(nights.get(interrupted)).orElseThrow());
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            NightlySteps failedSteps = NightlySteps.of(failed);
            assertThat(failedSteps.step(NightlySteps.COMPUTE).getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failedSteps.step(NightlySteps.COMPUTE).getExitStatus().getExitDescription())
                    .contains("the nightly workers did not finish slices [computeFirmClaims:firms-", "subsidy.nightly.manager.timeout");
            assertThat(failedSteps.workers()).anySatisfy(slice -> {
                assertThat(slice.getStatus()).isEqualTo(BatchStatus.FAILED);
                assertThat(slice.getExitStatus().getExitDescription()).contains("failed by the manager");
            });
            assertThat(failedSteps.workers()).noneMatch(slice -> slice.getStatus().isRunning());
            long restartedSlices = failedSteps.workers().stream().filter(s -> s.getStatus() != BatchStatus.COMPLETED).count();

            // two fresh workers: the killed one's requests, never committed, come to them stale and are
            // skipped; the restart sends new ones for the slices that did not complete
            try (ConfigurableApplicationContext first = service(SCALED_SCHEMA, "worker");
                 ConfigurableApplicationContext second = service(SCALED_SCHEMA, "worker")) {
                awaitWorkers(2);
                // a worker starts no night of its own, not even when asked
                int refused = RestClient.create().post()
                        .uri("http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port") + "/api/v1/runs/nightly?date="
                                + nights.get(interrupted))
                        .header("Authorization", "Bearer " + TOKENS.token("OFFICER"))
                        .exchange((request, response) -> response.getStatusCode().value());
                assertThat(refused).isEqualTo(409);
                JobExecution restarted = awaitEnd(runs, runs.launch(nights.get(interrupted)));
                assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
                assertThat(NightlySteps.of(restarted).workers()).hasSize((int) restartedSlices)
                        .allSatisfy(slice -> assertThat(slice.getStatus()).isEqualTo(BatchStatus.COMPLETED));
                for (LocalDate night : nights.subList(interrupted + 1, nights.size())) {
                    NightlySteps.of(awaitEnd(runs, runs.launch(night))).completedCleanly(2);
                }
            }
        }

        assertThat(rows(SCALED_SCHEMA, "SELECT COUNT(*) AS n FROM %s.claim WHERE bank_code IN ('SCALE-A', 'SCALE-B')"))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("n")).longValue()).isPositive());
        assertSameInBoth("SELECT claim_id, program, bank_code, uscc, application_no, approval_no, contract_no, installment_no,"
                + " trigger_date, base_amount, ratio, amount, status, reasons, rule_version, version, computed_for,"
                + " confirmation_deadline FROM %s.claim ORDER BY claim_id");
        assertSameInBoth("SELECT program, bank_code, unit_no, state, due_on FROM %s.claim_unit ORDER BY program, bank_code, unit_no");
        assertSameInBoth("SELECT bucket_kind, uscc, period, allocated FROM %s.cap_usage ORDER BY bucket_kind, uscc, period");
    }

    private void assertSameInBoth(String query) {
        List<Map<String, Object>> single = rows(SINGLE_SCHEMA, query);
        assertThat(rows(SCALED_SCHEMA, query)).as(query).isNotEmpty().containsExactlyElementsOf(single);
    }

    private List<Map<String, Object>> rows(String schema, String query) {
        return jdbc.queryForList(query.formatted(schema));
    }

    private static JobExecution awaitEnd(NightlyRuns runs, JobExecution execution) {
        return await().atMost(NIGHT_PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> runs.execution(execution.getId()).orElseThrow(), e -> !e.isRunning());
    }

    /** Waits until the workers' group has exactly {@code workers} members, sharing every partition of the requests' topic. */
    private static void awaitWorkers(int workers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription group;
                try {
                    group = admin.describeConsumerGroups(List.of(RemotePartitioningConfiguration.WORKERS_GROUP)).all().get().get(RemotePartitioningConfiguration.WORKERS_GROUP);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return false; // no worker has joined yet
                    }
                    throw e;
                }
                return group.members().size() == workers && group.members().stream().allMatch(m -> assigned(m) > 0)
                        && group.members().stream().mapToInt(ScaleOutNightTest::assigned).sum() == Topics.PARTITIONS;
            });
        }
    }

    private static int assigned(MemberDescription member) {
        return member.assignment().topicPartitions().size();
    }

    /** A subsidy-batch of this role on {@code schema}, in this JVM, over the ledger the tests' intake writes. */
    private static ConfigurableApplicationContext service(String schema, String role, String... more) {
        // on its own thread: Spring's test context loader hooks every SpringApplication started on its thread
        return CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(SubsidyBatchApplication.class)
                .run(arguments(schema, role, more).toArray(String[]::new))).join();
    }

    /** The worker process that freezes in its second chunk ({@link FrozenWorker}); it leaves the group 6 s after its death. */
    private static Process frozenWorker(Path marker) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx384m", "-cp", System.getProperty("java.class.path"), FrozenWorker.class.getName()));
        command.addAll(arguments(SCALED_SCHEMA, "worker", "--frozen-worker.marker=" + marker,
                "--spring.kafka.consumer.properties.session.timeout.ms=6000"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "frozen-worker.log").toFile()).start();
    }

    private static List<String> arguments(String schema, String role, String... more) {
        var db = SharedInfrastructure.mariaDb();
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.name=" + SubsidyBatchApplication.CONFIG_NAME,
                "--server.port=0",
                "--management.server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TOKENS.publicKeyLocation(),
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--spring.datasource.url=" + db.jdbcUrl(schema),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--ledger.datasource.url=" + db.jdbcUrl(LEDGER_SCHEMA),
                "--ledger.datasource.username=" + db.username(),
                "--ledger.datasource.password=" + db.password(),
                "--subsidy.nightly.role=" + role,
                "--subsidy.nightly.scheduled=false",
                "--subsidy.nightly.partitions=2",
                "--subsidy.nightly.firms-per-chunk=2",
                "--subsidy.nightly.transitions-per-chunk=2",
                "--subsidy.business-clock.simulation=true",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=WARN"));
        args.addAll(List.of(more));
        return args;
    }
}
