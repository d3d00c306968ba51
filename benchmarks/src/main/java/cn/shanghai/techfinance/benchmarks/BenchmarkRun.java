package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.local.EventsReplay;
import cn.shanghai.techfinance.local.ServiceProcess;
import cn.shanghai.techfinance.traffic.TrafficProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * benchmarks/run.sh: the system's throughput on this machine, against the ceilings of its own
 * infrastructure measured in the same run. Writes {@code benchmarks/target/results.json} (one key
 * per figure) and the table of {@code BENCHMARKS.md} between its marker lines.
 *
 * <pre>
 * run.sh [--events N] [--latency-events N] [--latency-rate N] [--insert-rows N] [--kafka-msgs N] [--notifier-seconds S] [--jmh-seconds S]
 *        [--history-events N] [--night-events N] [--year-loans N]
 *        [--only ceilings,intake,latency,nightly,notifier,scaled,history,year,jmh]
 * </pre>
 * The stages after intake work on what it left (its ledger, its outcomes), so they need {@code intake}.
 * {@code scaled}, {@code history} and {@code year} each start an empty system of their own.
 */
public final class BenchmarkRun {

    static final List<String> STAGES = List.of("ceilings", "intake", "latency", "nightly", "notifier", "scaled", "history", "year", "jmh");
    /** The stages on the first system, which the ceilings are measured on. */
    private static final List<String> FIRST_SYSTEM = List.of("ceilings", "intake", "latency", "nightly", "notifier");
    static final String USAGE = "usage: benchmarks/run.sh [--events N] [--latency-events N] [--latency-rate N] [--insert-rows N] [--kafka-msgs N]"
            + " [--notifier-seconds S] [--jmh-seconds S] [--history-events N] [--night-events N] [--year-loans N]"
            + " [--only " + String.join(",", STAGES) + "]";

    record Options(int events, int latencyEvents, int latencyRate, int insertRows, int kafkaMessages, int notifierSeconds, int jmhSeconds, int historyEvents,
                   int nightEvents, int yearLoans, Set<String> stages) {

        static Options parse(String[] args) {
            int events = 200_000;
            int latencyEvents = 10_000;
            // events/s; none given: half the warm intake rate just measured
            int latencyRate = 0;
            int insertRows = 300_000;
            int kafkaMessages = 500_000;
            int notifierSeconds = 120;
            int jmhSeconds = 2;
            int historyEvents = 65_000;
            int nightEvents = 20_000;
            int yearLoans = 100_000;
            Set<String> stages = new LinkedHashSet<>(STAGES);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> events = positive(args, ++i);
                    case "--latency-events" -> latencyEvents = positive(args, ++i);
                    case "--latency-rate" -> latencyRate = positive(args, ++i);
                    case "--insert-rows" -> insertRows = positive(args, ++i);
                    case "--kafka-msgs" -> kafkaMessages = positive(args, ++i);
                    case "--notifier-seconds" -> notifierSeconds = positive(args, ++i);
                    case "--jmh-seconds" -> jmhSeconds = positive(args, ++i);
                    case "--history-events" -> historyEvents = positive(args, ++i);
                    case "--night-events" -> nightEvents = positive(args, ++i);
                    case "--year-loans" -> yearLoans = positive(args, ++i);
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
            return new Options(events, latencyEvents, latencyRate, insertRows, kafkaMessages, notifierSeconds, jmhSeconds, historyEvents, nightEvents,
                    yearLoans, stages);
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

    /** The history's banks in the 10× stage: the main banks' codes with another suffix, so their documents and firms are their own. */
    static final List<String> HISTORY_BANKS = Traffic.BANKS.stream().map(bank -> bank.replace("-SH", "-HIST")).toList();

    /**
     * Between the seeds of the stages' own traffics. The generator seeds each firm's random with
     * {@code seed × 0x9E3779B97F4A7C15 + index}, SplittableRandom's own increment: seeds one apart
     * give the same draws one step apart (the same event ids); this far apart no firm draws that
     * many, and it is no multiple of the USCC's 1,000,003 either.
     */
    static final long SEED_STEP = 7_777_777L;

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
        Traffic traffic = null;
        if (options.stages().stream().anyMatch(FIRST_SYSTEM::contains)) {
            traffic = runFirstSystem();
        }
        if (options.stages().contains("scaled")) {
            scaled(traffic != null ? traffic : mainTraffic(0));
        }
        traffic = null; // the main traffic's bytes make room for the next stages'
        if (options.stages().contains("history")) {
            history();
        }
        if (options.stages().contains("year")) {
            year();
        }
        if (options.stages().contains("jmh")) {
            say("JMH microbenchmarks (" + options.jmhSeconds() + " s iterations, one thread)");
            results.putAll(Microbenchmarks.run(root, options.jmhSeconds()));
        }
        // the machine is shared: what else ran beside the benchmark shows here
        results.setting("load_average", "1/5/15 min " + loadBefore + " at the start, " + loadAverage() + " at the end");
        results.setting("stage_seconds", stageSeconds.toString().replaceAll("[{}]", ""));
        results.setting("wall_time_s", String.valueOf(Math.round((Instant.now().toEpochMilli() - began.toEpochMilli()) / 1000.0)));
        Path json = root.resolve("benchmarks/target/results.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, results.json());
        Path markdown = root.resolve("BENCHMARKS.md");
        Files.writeString(markdown, results.intoMarkdown(Files.readString(markdown), began));
        say("written " + root.relativize(json) + " and the table of " + root.relativize(markdown));
    }

    /** The stages' wall times, start-ups included, as the run goes: what the default run's 30 minutes are spent on. */
    private final Map<String, Long> stageSeconds = new LinkedHashMap<>();
    private long stageBegan = System.nanoTime();

    private void stageDone(String stage) {
        long now = System.nanoTime();
        stageSeconds.merge(stage, Math.round((now - stageBegan) / 1e9), Long::sum);
        stageBegan = now;
    }

    /** A system of its own: the ports free again (an earlier one stopped), empty topics and schemas. */
    private BenchSystem startSystem(BenchSystem.Layout layout) throws Exception {
        BenchSystem bench = new BenchSystem(root);
        Thread stop = new Thread(bench::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        say("starting Kafka (:" + BenchSystem.PORTS.kafka().clients() + ") and MariaDB (:" + BenchSystem.PORTS.db() + "), data in "
                + root.relativize(bench.dataDir()));
        bench.startInfrastructure();
        if (layout != null) {
            say("starting " + layout.describe() + " with deploy/jvm/production.options");
            bench.startServices(layout);
        }
        stageDone("start-up");
        return bench;
    }

    /** The main traffic: {@code --events}, and {@code latencyEvents} more after them. */
    private Traffic mainTraffic(int latencyEvents) {
        say("generating " + options.events() + (latencyEvents > 0 ? " + " + latencyEvents : "") + " events of " + Traffic.BANKS.size() + " banks");
        Traffic traffic = Traffic.generate(options.events() + latencyEvents);
        stageDone("traffic");
        return traffic;
    }

    /** Ceilings, intake, latency, the night, the notifier and memory, on one system; returns the traffic it sent (null: none). */
    private Traffic runFirstSystem() throws Exception {
        try (BenchSystem bench = startSystem(null)) {
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
                stageDone("ceilings");
            }
            if (!options.stages().contains("intake")) {
                return null;
            }
            int latencyEvents = options.stages().contains("latency") ? options.latencyEvents() : 0;
            Traffic traffic = mainTraffic(latencyEvents);
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
            bench.startServices(BenchSystem.Layout.SINGLE);
            stageDone("start-up");
            try (MemoryWatch memory = new MemoryWatch(bench.http(), bench.managementPorts())) {
                double warmRate = intake(bench, traffic, events);
                stageDone("intake");
                if (latencyEvents > 0) {
                    double rate = options.latencyRate() > 0 ? options.latencyRate() : warmRate / 2;
                    say(String.format("latency: %d events at %.0f events/s (%s)", traffic.size() - events, rate,
                            options.latencyRate() > 0 ? "--latency-rate" : "half the warm intake rate"));
                    double[] floor = LatencyStage.kafkaFloor(bench.access().admin(), rate, (int) Math.min(20_000, Math.max(1_000, rate * 10)));
                    say(String.format("latency: the broker alone, produce → consumer at the same rate: p50 %.0f ms, p99 %.0f ms", floor[0], floor[1]));
                    results.put("kafka_latency_floor_p50_ms", floor[0]);
                    results.put("kafka_latency_floor_p99_ms", floor[1]);
                    LatencyStage.Result latency = new LatencyStage(bench.access()).run(traffic, events, rate);
                    endProgress();
                    say(String.format("latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms; waiting to be polled p50 %.0f / p99 %.0f ms,"
                            + " being decided and relayed p50 %.0f / p99 %.0f ms", latency.p50(), latency.p99(), latency.max(),
                            latency.waitP50(), latency.waitP99(), latency.decideP50(), latency.decideP99()));
                    results.put("e2e_p50_ms", latency.p50());
                    results.put("e2e_p99_ms", latency.p99());
                    results.put("e2e_max_ms", latency.max());
                    results.put("e2e_wait_p50_ms", latency.waitP50());
                    results.put("e2e_wait_p99_ms", latency.waitP99());
                    results.put("e2e_decide_p50_ms", latency.decideP50());
                    results.put("e2e_decide_p99_ms", latency.decideP99());
                    results.put("e2e_rate_events_per_s", rate);
                    stageDone("latency");
                }
                if (options.stages().contains("nightly")) {
                    nightly(bench, traffic.lastBusinessDate);
                    stageDone("nightly");
                }
                if (options.stages().contains("notifier")) {
                    notifier(bench);
                    stageDone("notifier");
                }
                Map<String, Long> pids = new LinkedHashMap<>();
                bench.services().forEach((name, process) -> pids.put(name, process.pid()));
                memory.peaks(pids).forEach(results::put);
            }
            return traffic;
        }
    }

    /**
     * The scaled layout on a system of its own: two intake instances in one consumer group take the
     * same events as the one-instance figure (timed the same way), the latency stage's events after
     * them untimed, so that the ledger is the one the standalone night read; then the same night
     * through the manager, which hands computeClaims' slices to two worker processes.
     */
    private void scaled(Traffic traffic) throws Exception {
        int events = Math.min(options.events(), traffic.size());
        results.size("events", events);
        try (BenchSystem bench = startSystem(BenchSystem.Layout.SCALED)) {
            say("scaled: producing " + events + " events to two intake instances");
            long rowsBefore = Rows.written("intake");
            IntakeStage.Result result = new IntakeStage(bench.access()).run(traffic, 0, events, outcome -> { });
            endProgress();
            putIntake("intake_2_instances", result, Rows.written("intake") - rowsBefore);
            if (traffic.size() > events) {
                new IntakeStage(bench.access()).run(traffic, events, traffic.size(), outcome -> { });
                endProgress();
            }
            stageDone("scaled intake");
            say("scaled: the night of " + traffic.lastBusinessDate + " through the manager and two workers");
            NightlyStage.Result night = nightlyStage(bench).run(traffic.lastBusinessDate);
            endProgress();
            putNight("nightly_3_processes", night);
            results.setting("scaled", BenchSystem.Layout.SCALED.describe() + ", on a system of its own; the night of " + night.businessDate()
                    + ", steps: " + night.steps());
            stageDone("scaled night");
        }
    }

    /**
     * The same night's work with one year of prior ledger history behind it and with ten times that:
     * each on an empty system of its own. The history — {@code --history-events} (× 10) events of a
     * year of its own firms at banks of its own, through intake — is computed by a night dated the
     * year's last day; then the work — {@code --night-events} events of other firms at the main
     * banks, the same in both runs — goes through intake, and the night of the next day computes it.
     * That night's wall time is the figure: the history's claim units were claimed before, so the
     * night's work is identical and only the history behind it differs.
     */
    private void history() throws Exception {
        LocalDate from = LocalDate.of(2025, 6, 1);
        TrafficProfile historyProfile = TrafficProfile.defaults().withBankCodes(HISTORY_BANKS).withSeed(TrafficProfile.DEFAULT_SEED + SEED_STEP)
                .withFrom(from).withYears(1);
        LocalDate historyNight = historyProfile.until();
        LocalDate workNight = historyNight.plusDays(1);
        say("history: generating the night's work, " + options.nightEvents() + " events");
        Traffic work = Traffic.ofEvents(TrafficProfile.defaults().withBankCodes(Traffic.BANKS).withSeed(TrafficProfile.DEFAULT_SEED + 2 * SEED_STEP)
                .withFrom(from).withYears(1), options.nightEvents());
        results.size("night_events", work.size());
        stageDone("traffic");
        Map<Integer, NightlyStage.Result> nights = new LinkedHashMap<>();
        for (int multiple : List.of(1, 10)) {
            say("history " + multiple + "×: generating " + multiple * options.historyEvents() + " events of history");
            Traffic history = Traffic.ofEvents(historyProfile, multiple * options.historyEvents());
            results.size("history_events_" + multiple + "x", history.size());
            requireDisjoint(history, work);
            stageDone("traffic");
            try (BenchSystem bench = startSystem(BenchSystem.Layout.SINGLE)) {
                say("history " + multiple + "×: " + history.size() + " events through intake");
                IntakeStage.Result sent = new IntakeStage(bench.access()).run(history, history.size());
                endProgress();
                say(String.format("history %d×: %d events in %.1f s (%.0f events/s); the night of %s over them", multiple, sent.events(),
                        sent.seconds(), sent.eventsPerSecond(), historyNight));
                history = null;
                NightlyStage.Result computed = nightlyStage(bench).run(historyNight);
                endProgress();
                say(String.format("history %d×: %d claims in %.1f s", multiple, computed.claims(), computed.seconds()));
                results.put("history_" + multiple + "x_intake_events_per_s", sent.eventsPerSecond());
                results.put("history_" + multiple + "x_claims", computed.claims());
                stageDone("history " + multiple + "×");
                new IntakeStage(bench.access()).run(work, work.size());
                endProgress();
                NightlyStage.Result night = nightlyStage(bench).run(workNight);
                endProgress();
                long ofHistory = claimsOf(workNight, HISTORY_BANKS);
                say(String.format("history %d×: the night of %s: %d claims (%d of the history's) in %.1f s (%s)", multiple, workNight,
                        night.claims(), ofHistory, night.seconds(), night.steps()));
                if (ofHistory > 0) {
                    throw new IllegalStateException("the night of " + workNight + " computed " + ofHistory
                            + " claims of the history: its work is not the night's work alone");
                }
                results.put("night_" + multiple + "x_seconds", night.seconds());
                results.put("night_" + multiple + "x_claims", night.claims());
                nights.put(multiple, night);
                stageDone("history " + multiple + "×");
            }
        }
        if (nights.get(1).claims() != nights.get(10).claims()) {
            throw new IllegalStateException("the night's work differs: " + nights.get(1).claims() + " claims behind 1× history, "
                    + nights.get(10).claims() + " behind 10×");
        }
        results.put("night_10x_over_1x", nights.get(10).seconds() / nights.get(1).seconds());
        results.setting("history", "the night of " + workNight + " over " + work.size() + " events of " + work.profile.firms()
                + " firms (" + nights.get(1).claims() + " claims) after a night of " + historyNight + " over one year of history at banks of its own ("
                + HISTORY_BANKS.get(0) + " …): 1× " + results.sizeOf("history_events_1x") + " events, 10× " + results.sizeOf("history_events_10x")
                + "; steps behind 1×: " + nights.get(1).steps() + "; behind 10×: " + nights.get(10).steps());
    }

    /**
     * A year of {@code --year-loans} loans replayed through the whole system, from the first event
     * produced to the last night completed: every event produced at once (the banks' backlog) while
     * the nights run as intake reaches their dates — the local run's nights for a replay
     * ({@link EventsReplay#nightsToRun}: the first business date, every month end, the last day;
     * sparse nights equal daily ones, SparseNightsTest), each started once every event dated on or
     * before it has its outcome.
     */
    private void year() throws Exception {
        say("year: generating a year of about " + options.yearLoans() + " loans");
        Traffic year = Traffic.ofLoans(TrafficProfile.defaults().withBankCodes(Traffic.BANKS).withSeed(TrafficProfile.DEFAULT_SEED + 3 * SEED_STEP)
                .withFrom(LocalDate.of(2025, 6, 1)).withYears(1), options.yearLoans());
        results.size("year_loans", year.loans);
        results.size("year_events", year.size());
        stageDone("traffic");
        List<LocalDate> nights = List.copyOf(EventsReplay.nightsToRun(year.dates.get(0), year.lastBusinessDate));
        // each event counts towards the first night on or after its date
        Map<String, Integer> nightOf = new HashMap<>();
        int[] due = new int[nights.size()];
        for (int i = 0; i < year.size(); i++) {
            int night = Collections.binarySearch(nights, year.dates.get(i));
            night = night >= 0 ? night : -night - 1;
            nightOf.put(year.eventKeys.get(i), night);
            due[night]++;
        }
        AtomicIntegerArray answered = new AtomicIntegerArray(nights.size());
        try (BenchSystem bench = startSystem(BenchSystem.Layout.SINGLE)) {
            say("year: " + year.size() + " events of " + year.loans + " loans, " + nights.size() + " nights (" + nights.get(0) + " … "
                    + nights.get(nights.size() - 1) + ")");
            ExecutorService sender = Executors.newSingleThreadExecutor();
            try {
                Future<IntakeStage.Result> intake = sender.submit(() -> new IntakeStage(bench.access()).run(year, 0, year.size(),
                        outcome -> {
                            Integer night = nightOf.get(outcome.source() + "|" + outcome.eventId());
                            if (night != null) {
                                answered.incrementAndGet(night);
                            }
                        }));
                NightlyStage runs = nightlyStage(bench);
                long lastNightSeen = 0;
                long nightSeconds = 0;
                for (int k = 0; k < nights.size(); k++) {
                    while (!reached(answered, due, k)) {
                        if (intake.isDone()) {
                            intake.get(); // its failure, if it failed
                            if (!reached(answered, due, k)) {
                                throw new IllegalStateException("intake ended before every event up to " + nights.get(k) + " had its outcome");
                            }
                        }
                        Thread.sleep(100);
                    }
                    NightlyStage.Night night = runs.runToEnd(nights.get(k), Duration.ofMillis(500));
                    nightSeconds += Math.round(night.seconds());
                    lastNightSeen = night.seenCompletedMillis();
                }
                IntakeStage.Result sent = intake.get();
                endProgress();
                double seconds = (lastNightSeen - sent.firstProduceMillis()) / 1000.0;
                long claims;
                try (Connection c = BenchSystem.rootConnection("subsidy"); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM claim")) {
                    rs.next();
                    claims = rs.getLong(1);
                }
                say(String.format("year: %d events, %d nights, %d claims: first produce → last night %.1f s (intake %.1f s, nights %d s)",
                        year.size(), nights.size(), claims, seconds, sent.seconds(), nightSeconds));
                results.put("year_loans_s", seconds);
                results.put("year_intake_seconds", sent.seconds());
                results.put("year_nights_seconds", nightSeconds);
                results.put("year_claims", claims);
                results.size("year_nights", nights.size());
                results.setting("year", year.describe() + "; " + nights.size() + " nights (the first business date, each month end, the last day)"
                        + " run as intake reached them");
                // the year's what-if: every trigger of the year priced with the current rules and a draft
                WhatIfStage.Result whatIf = new WhatIfStage(bench.http(), "http://127.0.0.1:" + BenchSystem.PORTS.subsidy(),
                        bench.tokens().token("OFFICER")).run(year.dates.get(0), year.lastBusinessDate);
                say(String.format("year: a what-if over the year priced %d claims in %.1f s", whatIf.claimsPriced(), whatIf.seconds()));
                results.put("whatif_year_loans_s", whatIf.seconds());
                results.put("whatif_year_claims", whatIf.claimsPriced());
                results.setting("whatif", "draft " + WhatIfStage.DRAFT + " over " + year.dates.get(0) + " … " + year.lastBusinessDate);
            } finally {
                sender.shutdownNow();
            }
        }
        stageDone("year");
    }

    /** The history's firms and events are none of the night's work's: else its claims or its duplicates would change the work. */
    private static void requireDisjoint(Traffic history, Traffic work) {
        Set<String> ofWork = new HashSet<>(work.keys);
        ofWork.addAll(work.eventKeys);
        for (int i = 0; i < history.size(); i++) {
            if (ofWork.contains(history.keys.get(i)) || ofWork.contains(history.eventKeys.get(i))) {
                throw new IllegalStateException("the history shares a firm or an event with the night's work: " + history.keys.get(i) + ", "
                        + history.eventKeys.get(i));
            }
        }
    }

    /** Whether every event counting towards nights 0 … {@code k} has its outcome. */
    private static boolean reached(AtomicIntegerArray answered, int[] due, int k) {
        for (int j = 0; j <= k; j++) {
            if (answered.get(j) < due[j]) {
                return false;
            }
        }
        return true;
    }

    private static long claimsOf(LocalDate computedFor, List<String> banks) throws SQLException {
        try (Connection c = BenchSystem.rootConnection("subsidy");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM claim WHERE computed_for = ? AND bank_code IN ("
                     + String.join(",", Collections.nCopies(banks.size(), "?")) + ")")) {
            s.setObject(1, computedFor);
            for (int i = 0; i < banks.size(); i++) {
                s.setString(i + 2, banks.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private NightlyStage nightlyStage(BenchSystem bench) {
        return new NightlyStage(bench.http(), "http://127.0.0.1:" + BenchSystem.PORTS.subsidy(), bench.tokens().token("OFFICER"));
    }

    /** An intake stage's figures, their keys starting with {@code prefix}. */
    private void putIntake(String prefix, IntakeStage.Result result, long rows) {
        say(String.format("%s: %d events (%d accepted, %d rejected) in %.1f s (produced in %.1f s): %.0f events/s, %.0f warm; %d rows written",
                prefix, result.events(), result.accepted(), result.rejected(), result.seconds(), result.produceSeconds(), result.eventsPerSecond(),
                result.warmEventsPerSecond(), rows));
        results.put(prefix + "_events_per_s", result.eventsPerSecond());
        results.put(prefix + "_events_per_s_warm", result.warmEventsPerSecond());
        results.put(prefix + "_rows_per_s", rows / result.seconds());
        results.put(prefix + "_rows_written", rows);
        results.put(prefix + "_seconds", result.seconds());
    }

    /** A measured night's figures, their keys starting with {@code prefix}. */
    private void putNight(String prefix, NightlyStage.Result night) {
        say(String.format("%s: %d due triggers, %d claims in %.1f s: %.1f claims/s; %d rows written (%s)", prefix, night.dueTriggers(),
                night.claims(), night.seconds(), night.claimsPerSecond(), night.rowsWritten(), night.steps()));
        results.put(prefix + "_claims_per_s", night.claimsPerSecond());
        results.put(prefix + "_rows_per_s", night.rowsWritten() / night.seconds());
        results.put(prefix + "_claims", night.claims());
        results.put(prefix + "_seconds", night.seconds());
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
        putIntake("intake", result, rows);
        results.put("intake_produce_seconds", result.produceSeconds());
        results.put("intake_rejected", result.rejected());
        results.profile("intake-service during intake", Profiles.hottest(recording, 12));
        return result.warmEventsPerSecond();
    }

    private void notifier(BenchSystem bench) throws Exception {
        say("notifier: starting it to drain the outcomes and claim events");
        bench.startNotifier();
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
        NightlyStage.Result night = nightlyStage(bench).run(date);
        endProgress();
        Profiles.stop(subsidy.pid(), "bench-nightly", recording);
        putNight("nightly", night);
        results.put("nightly_due_triggers", night.dueTriggers());
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
