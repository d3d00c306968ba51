package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.local.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * benchmarks/run.sh: the system's throughput on this machine, against the ceilings of its own
 * infrastructure measured in the same run. Writes {@code benchmarks/target/results.json} (one key
 * per figure) and the table of {@code BENCHMARKS.md} between its marker lines.
 *
 * <pre>
 * run.sh [--events N] [--latency-events N] [--insert-rows N] [--kafka-msgs N] [--notifier-seconds S] [--jmh-seconds S]
 *        [--only ceilings,intake,latency,nightly,notifier,jmh]
 * </pre>
 * The stages after intake work on what it left (its ledger, its outcomes), so they need {@code intake}.
 */
public final class BenchmarkRun {

    static final List<String> STAGES = List.of("ceilings", "intake", "latency", "nightly", "notifier", "jmh");
    static final String USAGE = "usage: benchmarks/run.sh [--events N] [--latency-events N] [--insert-rows N] [--kafka-msgs N]"
            + " [--notifier-seconds S] [--jmh-seconds S]"
            + " [--only " + String.join(",", STAGES) + "]";

    record Options(int events, int latencyEvents, int insertRows, int kafkaMessages, int notifierSeconds, int jmhSeconds, Set<String> stages) {

        static Options parse(String[] args) {
            int events = 200_000;
            int latencyEvents = 10_000;
            int insertRows = 300_000;
            int kafkaMessages = 500_000;
            int notifierSeconds = 120;
            int jmhSeconds = 2;
            Set<String> stages = new LinkedHashSet<>(STAGES);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> events = positive(args, ++i);
                    case "--latency-events" -> latencyEvents = positive(args, ++i);
                    case "--insert-rows" -> insertRows = positive(args, ++i);
                    case "--kafka-msgs" -> kafkaMessages = positive(args, ++i);
                    case "--notifier-seconds" -> notifierSeconds = positive(args, ++i);
                    case "--jmh-seconds" -> jmhSeconds = positive(args, ++i);
                    case "--only" -> {
                        stages = new LinkedHashSet<>(List.of(value(args, ++i).split(",")));
                        if (!STAGES.containsAll(stages)) {
                            throw new IllegalArgumentException("--only takes some of " + STAGES + ", not " + stages);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            for (String after : List.of("latency", "nightly", "notifier")) {
                if (stages.contains(after) && !stages.contains("intake")) {
                    throw new IllegalArgumentException("the " + after + " stage follows the intake stage: --only ...,intake," + after);
                }
            }
            return new Options(events, latencyEvents, insertRows, kafkaMessages, notifierSeconds, jmhSeconds, stages);
        }

        private static int positive(String[] args, int i) {
            int n = Integer.parseInt(value(args, i).replace("_", ""));
            if (n <= 0) {
                throw new IllegalArgumentException(args[i - 1] + " must be positive");
            }
            return n;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    private final Path root;
    private final Options options;
    private final Results results = new Results();

    BenchmarkRun(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("techfinance.root", ".")).toAbsolutePath().normalize();
        try {
            new BenchmarkRun(root, options).run();
            System.exit(0);
        } catch (Exception e) {
            System.err.println();
            System.err.println("benchmark failed: " + (e.getMessage() != null ? e.getMessage() : e));
            e.printStackTrace();
            System.exit(1);
        }
    }

    void run() throws Exception {
        Instant began = Instant.now();
        String loadBefore = loadAverage();
        results.setting("stages", String.join(",", options.stages()));
        results.setting("jvm_options", "deploy/jvm/production.options");
        boolean system = options.stages().stream().anyMatch(s -> !s.equals("jmh"));
        if (system) {
            runSystemStages();
        }
        if (options.stages().contains("jmh")) {
            say("JMH microbenchmarks (" + options.jmhSeconds() + " s iterations, one thread)");
            results.putAll(Microbenchmarks.run(root, options.jmhSeconds()));
        }
        // the machine is shared: what else ran beside the benchmark shows here
        results.setting("load_average", "1/5/15 min " + loadBefore + " at the start, " + loadAverage() + " at the end");
        results.setting("wall_time_s", String.valueOf(Math.round((Instant.now().toEpochMilli() - began.toEpochMilli()) / 1000.0)));
        Path json = root.resolve("benchmarks/target/results.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, results.json());
        Path markdown = root.resolve("BENCHMARKS.md");
        Files.writeString(markdown, results.intoMarkdown(Files.readString(markdown), began));
        say("written " + root.relativize(json) + " and the table of " + root.relativize(markdown));
    }

    private void runSystemStages() throws Exception {
        try (BenchSystem bench = new BenchSystem(root)) {
            Runtime.getRuntime().addShutdownHook(new Thread(bench::close, "bench-stop"));
            say("starting Kafka (:" + BenchSystem.KAFKA_PORTS.clients() + ") and MariaDB (:" + BenchSystem.DB_PORT + "), data in "
                    + root.relativize(bench.dataDir()));
            bench.startInfrastructure();
            if (options.stages().contains("ceilings")) {
                say("ceilings: JDBC batched insert, " + options.insertRows() + " rows");
                double insert = Ceilings.insertRowsPerSecond(options.insertRows());
                results.put("insert_ceiling_rows_per_s", insert);
                say("ceilings: Kafka produce and consume, " + options.kafkaMessages() + " messages");
                double[] kafka = Ceilings.kafkaProduceConsume(bench.access().admin(), options.kafkaMessages());
                results.put("kafka_produce_ceiling_msgs_per_s", kafka[0]);
                results.put("kafka_consume_ceiling_msgs_per_s", kafka[1]);
                results.size("insert_ceiling_rows", options.insertRows());
                results.size("kafka_ceiling_msgs", options.kafkaMessages());
            }
            if (!options.stages().contains("intake")) {
                return;
            }
            int latencyEvents = options.stages().contains("latency") ? options.latencyEvents() : 0;
            say("generating " + options.events() + (latencyEvents > 0 ? " + " + latencyEvents : "") + " events of " + Traffic.BANKS.size() + " banks");
            Traffic traffic = Traffic.generate(options.events() + latencyEvents);
            int events = Math.min(options.events(), traffic.size());
            results.size("events", events);
            if (latencyEvents > 0) {
                results.size("latency_events", traffic.size() - events);
            }
            results.size("firms", traffic.profile.firms());
            results.size("banks", traffic.profile.bankCodes().size());
            results.setting("traffic", "TrafficProfile.defaults() over " + traffic.profile.bankCodes().size() + " banks, "
                    + traffic.profile.firms() + " firms, from " + traffic.profile.from() + ", cut at " + traffic.size() + " events (last business date "
                    + traffic.lastBusinessDate + "); the notifier starts after the night (its stage drains what intake and the night left it)");
            say("starting intake-service and subsidy-batch with deploy/jvm/production.options");
            bench.startServices();
            Map<String, Long> pids = new LinkedHashMap<>();
            bench.services().forEach((name, process) -> pids.put(name, process.pid()));
            try (MemoryWatch memory = new MemoryWatch(bench.http(), Map.of("intake-service", BenchSystem.INTAKE_MANAGEMENT_PORT,
                    "subsidy-batch", BenchSystem.SUBSIDY_MANAGEMENT_PORT, "notifier", BenchSystem.NOTIFIER_MANAGEMENT_PORT))) {
                double warmRate = intake(bench, traffic, events);
                if (latencyEvents > 0) {
                    double rate = warmRate / 2;
                    say(String.format("latency: %d events at %.0f events/s (half the warm intake rate)", traffic.size() - events, rate));
                    LatencyStage.Result latency = new LatencyStage(bench.access()).run(traffic, events, rate);
                    endProgress();
                    say(String.format("latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms", latency.p50(), latency.p99(), latency.max()));
                    results.put("e2e_p50_ms", latency.p50());
                    results.put("e2e_p99_ms", latency.p99());
                    results.put("e2e_max_ms", latency.max());
                    results.put("e2e_rate_events_per_s", rate);
                }
                if (options.stages().contains("nightly")) {
                    nightly(bench, traffic.lastBusinessDate);
                }
                if (options.stages().contains("notifier")) {
                    notifier(bench, pids);
                }
                memory.peaks(pids).forEach(results::put);
            }
        }
    }

    /** Returns the warm rate. */
    private double intake(BenchSystem bench, Traffic traffic, int events) throws Exception {
        ServiceProcess intake = bench.services().get("intake-service");
        Path recording = root.resolve("benchmarks/target/intake.jfr");
        long rowsBefore = Rows.written("intake");
        Profiles.start(intake.pid(), "bench-intake");
        say("intake: producing " + events + " events as " + Traffic.BANKS.size() + " banks and the credit platform");
        IntakeStage.Result result = new IntakeStage(bench.access()).run(traffic, events);
        endProgress();
        Profiles.stop(intake.pid(), "bench-intake", recording);
        long rows = Rows.written("intake") - rowsBefore;
        say(String.format("intake: %d events (%d accepted, %d rejected) in %.1f s (produced in %.1f s): %.0f events/s, %.0f warm; %d rows written",
                result.events(), result.accepted(), result.rejected(), result.seconds(), result.produceSeconds(), result.eventsPerSecond(),
                result.warmEventsPerSecond(), rows));
        results.put("intake_events_per_s", result.eventsPerSecond());
        results.put("intake_events_per_s_warm", result.warmEventsPerSecond());
        results.put("intake_rows_per_s", rows / result.seconds());
        results.put("intake_rows_written", rows);
        results.put("intake_seconds", result.seconds());
        results.put("intake_produce_seconds", result.produceSeconds());
        results.put("intake_rejected", result.rejected());
        results.profile("intake-service during intake", Profiles.hottest(recording, 12));
        return result.warmEventsPerSecond();
    }

    private void notifier(BenchSystem bench, Map<String, Long> pids) throws Exception {
        say("notifier: starting it to drain the outcomes and claim events");
        ServiceProcess notifier = bench.startNotifier();
        pids.put("notifier", notifier.pid());
        NotifierStage.Result result = new NotifierStage().run(Duration.ofSeconds(options.notifierSeconds()));
        endProgress();
        say(String.format("notifier: %d delivered to bank topics in %.1f s: %.0f deliveries/s; %d ledger rows", result.deliveredToTopics(),
                result.seconds(), result.deliveriesPerSecond(), result.rows()));
        results.put("notifier_deliveries_per_s", result.deliveriesPerSecond());
        results.put("notifier_rows_per_s", result.rows() / result.seconds());
        results.put("notifier_deliveries", result.deliveredToTopics());
        results.put("notifier_seconds", result.seconds());
        results.size("notifier_window_s", options.notifierSeconds());
    }

    private void nightly(BenchSystem bench, LocalDate date) throws Exception {
        ServiceProcess subsidy = bench.services().get("subsidy-batch");
        Path recording = root.resolve("benchmarks/target/nightly.jfr");
        Profiles.start(subsidy.pid(), "bench-nightly");
        say("nightly: the night of " + date + " over the whole ledger");
        NightlyStage.Result night = new NightlyStage(bench.http(), "http://127.0.0.1:" + BenchSystem.SUBSIDY_PORT,
                bench.tokens().token("OFFICER")).run(date);
        endProgress();
        Profiles.stop(subsidy.pid(), "bench-nightly", recording);
        say(String.format("nightly: %d due triggers, %d claims in %.1f s: %.1f claims/s; %d rows written (%s)", night.dueTriggers(),
                night.claims(), night.seconds(), night.claimsPerSecond(), night.rowsWritten(), night.steps()));
        results.put("nightly_claims_per_s", night.claimsPerSecond());
        results.put("nightly_rows_per_s", night.rowsWritten() / night.seconds());
        results.put("nightly_claims", night.claims());
        results.put("nightly_due_triggers", night.dueTriggers());
        results.put("nightly_seconds", night.seconds());
        results.size("nightly_due_triggers", night.dueTriggers());
        results.setting("nightly", "one night dated " + night.businessDate() + " (no night before it: every trigger of the traffic is due); steps: "
                + night.steps());
        results.profile("subsidy-batch during the night", Profiles.hottest(recording, 12));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static volatile long lastProgress;

    /** A progress line, rewritten in place at most every second. */
    static void progress(String line) {
        long now = System.nanoTime();
        if (now - lastProgress > TimeUnit.SECONDS.toNanos(1)) {
            lastProgress = now;
            System.out.print("\r[bench] " + line + "\033[K");
            System.out.flush();
        }
    }

    private static void endProgress() {
        System.out.println();
    }

    static void say(String message) {
        System.out.println("[bench] " + message);
    }
}
