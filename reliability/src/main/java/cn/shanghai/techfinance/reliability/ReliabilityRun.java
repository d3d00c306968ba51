package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.benchmarks.NightlyStage;
import cn.shanghai.techfinance.benchmarks.Traffic;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The heavy reliability scenarios against the real processes (reliability/run.sh, RELIABILITY.md):
 * the traffic of ten banks streamed once uninterrupted, and then again with intake-service or the
 * notifier killed (SIGKILL) and restarted at seeded random moments, the database or the broker away,
 * and shuffled within each record key with duplicates; each compared with the uninterrupted run by
 * content — ledger, outcomes, claims. The scenarios that strike subsidy-batch's jobs are
 * {@link JobFaults}'; those of an endpoint outside the system, {@link EndpointOutages}'.
 */
public final class ReliabilityRun {

    static final String BACKPRESSURE = "backpressure";
    static final String INTAKE_CRASH = "intake-crash";
    static final String NOTIFIER_CRASH = "notifier-crash";
    static final String NIGHT_CRASH = "night-crash";
    static final String WORKER_CRASH = "worker-crash";
    static final String SETTLEMENT_CRASH = "settlement-crash";
    static final String DATABASE_OUTAGE = "database-outage";
    /** The second half of {@link #DATABASE_OUTAGE}: the same outage during a night. */
    static final String DATABASE_OUTAGE_NIGHT = "database-outage-night";
    static final String BROKER_RESTART = "broker-restart";
    /** The second half of {@link #BROKER_RESTART}: the broker restarted while the notifier delivers. */
    static final String BROKER_RESTART_NOTIFIER = "broker-restart-notifier";
    static final String WEBHOOK_OUTAGE = "webhook-outage";
    static final String MAIL_OUTAGE = "mail-outage";
    static final String ORDER = "order-duplicates";
    static final List<String> SCENARIOS = List.of(BACKPRESSURE, INTAKE_CRASH, NOTIFIER_CRASH, NIGHT_CRASH, SETTLEMENT_CRASH, WORKER_CRASH,
            DATABASE_OUTAGE, BROKER_RESTART, WEBHOOK_OUTAGE, MAIL_OUTAGE, ORDER);
    /** Scenarios that compare claims with the uninterrupted run's night. */
    private static final Set<String> WITH_NIGHTS = Set.of(NIGHT_CRASH, SETTLEMENT_CRASH, WORKER_CRASH, DATABASE_OUTAGE, ORDER);
    /** The scaled layout's nightly workers. */
    private static final int WORKERS = 2;
    /** How many times the burst must outpace what intake sustains. */
    private static final double BURST_MULTIPLE = 10;
    /** How long the notifier may take to settle after its last restart. */
    private static final Duration NOTIFIER_SETTLE_LIMIT = Duration.ofMinutes(20);
    static final Set<String> CLAIM_TABLES = Set.of("claim", "claim_unit", "cap_usage", "defaulted_contract");

    /** The run's sizes and seed; the defaults are the issue's. */
    record Options(int events, int crashes, long seed, int duplicatePercent, int outageSeconds, int endpointDownSeconds,
                   Set<String> scenarios) {

        static Options parse(String[] args) {
            int events = 100_000;
            int crashes = 3;
            long seed = System.currentTimeMillis();
            int duplicates = 10;
            int outage = 30;
            int endpointDown = 180;
            Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--events" -> events = Integer.parseInt(required(args[i], value));
                    case "--crashes" -> crashes = Integer.parseInt(required(args[i], value));
                    case "--seed" -> seed = Long.parseLong(required(args[i], value));
                    case "--duplicates" -> duplicates = Integer.parseInt(required(args[i], value));
                    case "--outage-seconds" -> outage = Integer.parseInt(required(args[i], value));
                    case "--endpoint-down-seconds" -> endpointDown = Integer.parseInt(required(args[i], value));
                    case "--only" -> scenarios = new LinkedHashSet<>(Arrays.asList(required(args[i], value).split(",")));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (options: --events N --crashes N --seed S --duplicates PERCENT --outage-seconds N --endpoint-down-seconds N --only "
                            + String.join(",", SCENARIOS) + ")");
                }
                i++;
            }
            for (String scenario : scenarios) {
                if (!SCENARIOS.contains(scenario)) {
                    throw new IllegalArgumentException("unknown scenario " + scenario + " (scenarios: " + String.join(", ", SCENARIOS) + ")");
                }
            }
            if (events < 100 || crashes < 1 || duplicates < 0 || outage < 1 || endpointDown < 1) {
                throw new IllegalArgumentException("--events needs at least 100, --crashes, --outage-seconds and --endpoint-down-seconds at least 1,"
                        + " --duplicates 0 or more");
            }
            return new Options(events, crashes, seed, duplicates, outage, endpointDown, scenarios);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        boolean any(Set<String> some) {
            return scenarios.stream().anyMatch(some::contains);
        }
    }

    /**
     * The uninterrupted run: what every scenario must equal; {@code burst} what its lag and heap did
     * while the banks sent everything at once; {@code settlement} what its settlement left (null
     * unless a scenario settles).
     */
    record Expected(TableContents ledger, Map<String, Set<OutcomeLog.Decision>> decisions, TableContents claims, TableContents settlement,
                    Map<String, Long> byStatus, double seconds, double sendSeconds, BurstWatch.Peaks burst) {
    }

    private final Path root;
    private final Options options;
    private final JobFaults jobs;
    private final EndpointOutages endpoints;

    private ReliabilityRun(Path root, Options options) {
        this.root = root;
        this.options = options;
        this.jobs = new JobFaults(options);
        this.endpoints = new EndpointOutages(options, this::start);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("reliability: " + e.getMessage());
            System.exit(2);
            return;
        }
        new ReliabilityRun(Path.of(System.getProperty("techfinance.root", ".")).toAbsolutePath().normalize(), options).run();
    }

    private void run() throws Exception {
        Instant began = Instant.now();
        Report report = new Report(root, began, options);
        progress("seed " + options.seed() + " (replay with --seed " + options.seed() + "); load average " + Report.loadAverage());
        Traffic traffic = Traffic.generate(options.events());
        progress("traffic: " + traffic.describe());
        report.setting("traffic", traffic.describe());
        // the notifier's crash needs only the results owed, which the crash system's own intake tells
        Expected expected = null;
        if (!Set.of(NOTIFIER_CRASH, WEBHOOK_OUTAGE, MAIL_OUTAGE).containsAll(options.scenarios())) {
            expected = uninterrupted(traffic, options.any(WITH_NIGHTS));
            report.setting("uninterrupted run", String.format("%.0f s to every outcome; intake_event %s", expected.seconds(), expected.byStatus()));
        }
        if (options.scenarios().contains(BACKPRESSURE)) {
            Expected uninterrupted = expected;
            attempt(report, BACKPRESSURE, BURST_TITLE, () -> backpressure(traffic, uninterrupted));
        }
        if (options.any(Set.of(INTAKE_CRASH, NOTIFIER_CRASH, NIGHT_CRASH, SETTLEMENT_CRASH))) {
            crashes(traffic, expected, report);
        }
        if (options.scenarios().contains(WORKER_CRASH)) {
            workerCrash(traffic, expected, report);
        }
        if (options.scenarios().contains(DATABASE_OUTAGE)) {
            databaseOutage(traffic, expected, report);
        }
        if (options.scenarios().contains(BROKER_RESTART)) {
            brokerRestart(traffic, expected, report);
        }
        if (options.scenarios().contains(WEBHOOK_OUTAGE)) {
            endpoints.webhookOutage(report);
        }
        if (options.scenarios().contains(MAIL_OUTAGE)) {
            endpoints.mailOutage(report);
        }
        if (options.scenarios().contains(ORDER)) {
            Expected uninterrupted = expected;
            attempt(report, ORDER, "shuffled within keys, " + options.duplicatePercent() + " % duplicates",
                    () -> orderAndDuplicates(traffic, uninterrupted));
        }
        progress("results: " + Report.resultsFile(root) + " and RELIABILITY.md");
        if (!report.allPassed()) {
            System.exit(1);
        }
    }

    /** The traffic in its own order, nothing interrupted; with the night of its last business date when a scenario compares claims. */
    private Expected uninterrupted(Traffic traffic, boolean night) throws Exception {
        progress("uninterrupted run: starting a system");
        try (ReliabilitySystem system = start(night)) {
            Map<String, Set<OutcomeLog.Decision>> decisions;
            TableContents ledger;
            Map<String, Long> byStatus;
            double seconds;
            double sendSeconds;
            BurstWatch.Peaks burst;
            try (Intake intake = new Intake(system, traffic, inOrder(traffic));
                 BurstWatch watch = new BurstWatch(intake::lag, system.http(), ReliabilitySystem.PORTS.intakeManagement(0))) {
                seconds = intake.awaitDrained();
                sendSeconds = intake.sendSeconds();
                burst = watch.peaks();
                decisions = intake.outcomes().decisions();
                ledger = intake.ledger();
                byStatus = intake.eventsByStatus();
            }
            TableContents claims = night ? night(system, traffic.lastBusinessDate) : null;
            TableContents settlement = null;
            if (options.scenarios().contains(SETTLEMENT_CRASH)) {
                progress("uninterrupted run: a settlement, from publication to approval");
                settlement = new SettlementStage(system).uninterrupted();
            }
            progress(String.format("uninterrupted run: %d ledger rows, %s", ledger.totalRows(), byStatus));
            return new Expected(ledger, decisions, claims, settlement, byStatus, seconds, sendSeconds, burst);
        }
    }

    /**
     * One system for the crash scenarios of the standalone layout: intake's (or, without it, the
     * traffic streamed uninterrupted), the notifier's over the outcomes intake left on the topic,
     * subsidy-batch's in a night, then in the preparation of the settlement of that night's claims.
     */
    private void crashes(Traffic traffic, Expected expected, Report report) throws Exception {
        progress("crashes: starting a system");
        try (ReliabilitySystem system = start(options.any(Set.of(NIGHT_CRASH, SETTLEMENT_CRASH)))) {
            Map<String, Set<OutcomeLog.Decision>> decisions;
            try (Intake intake = new Intake(system, traffic, inOrder(traffic))) {
                if (options.scenarios().contains(INTAKE_CRASH)) {
                    attempt(report, INTAKE_CRASH, intakeCrashTitle(), () -> intakeCrash(system, intake, traffic, expected));
                    decisions = expected.decisions();
                } else {
                    intake.awaitDrained();
                    decisions = intake.outcomes().decisions();
                }
            }
            if (options.scenarios().contains(NOTIFIER_CRASH)) {
                attempt(report, NOTIFIER_CRASH, notifierCrashTitle(), () -> notifierUnderFaults(NOTIFIER_CRASH, notifierCrashTitle(), system,
                        decisions, notifierCrash(system)));
            }
            if (options.scenarios().contains(NIGHT_CRASH)) {
                String title = "subsidy-batch SIGKILLed in the middle of a night, restarted, the night launched again";
                attempt(report, NIGHT_CRASH, title, () -> jobs.nightUnderFault(NIGHT_CRASH, title, system, traffic, expected,
                        JobFaults.nightCrash(system), null));
            }
            if (options.scenarios().contains(SETTLEMENT_CRASH)) {
                if (!options.scenarios().contains(NIGHT_CRASH)) {
                    night(system, traffic.lastBusinessDate);
                }
                attempt(report, SETTLEMENT_CRASH, JobFaults.SETTLEMENT_CRASH_TITLE, () -> jobs.settlementCrash(system, expected));
            }
        }
    }

    /** The night on the scaled layout (a manager and {@value #WORKERS} worker processes), on a system of its own. */
    private void workerCrash(Traffic traffic, Expected expected, Report report) throws Exception {
        progress("worker crash: starting a system in the scaled layout");
        String title = "a nightly worker of the scaled layout (manager + " + WORKERS + " workers) SIGKILLed mid-slice, restarted";
        try (ReliabilitySystem system = start(false)) {
            system.startScaledSubsidyBatch(WORKERS);
            try (Intake intake = new Intake(system, traffic, inOrder(traffic))) {
                intake.awaitDrained();
            }
            attempt(report, WORKER_CRASH, title, () -> {
                SliceLogs slices = new SliceLogs(system.logs());
                ScenarioResult result = jobs.nightUnderFault(WORKER_CRASH, title, system, traffic, expected,
                        JobFaults.workerCrash(system, slices), null);
                result.notes().add(slices.rerun());
                return result;
            });
        }
    }

    /** intake, then a night, each with the database server stopped for {@code --outage-seconds} in the middle, on a system of their own. */
    private void databaseOutage(Traffic traffic, Expected expected, Report report) throws Exception {
        progress("database outage: starting a system");
        String intakeTitle = "database down " + options.outageSeconds() + " s while 10 banks stream";
        String nightTitle = "database down " + options.outageSeconds() + " s in the middle of a night";
        try (ReliabilitySystem system = start(true)) {
            try (Intake intake = new Intake(system, traffic, inOrder(traffic)); HealthWatch health = system.watchHealth("intake-service")) {
                attempt(report, DATABASE_OUTAGE, intakeTitle, () -> intakeUnderFaults(DATABASE_OUTAGE, intakeTitle, system, intake, traffic,
                        expected, new double[] {share(new Random(options.seed() + DATABASE_OUTAGE.hashCode()))}, databaseDown(system), health));
            }
            try (HealthWatch health = system.watchHealth("subsidy-batch")) {
                attempt(report, DATABASE_OUTAGE_NIGHT, nightTitle, () -> jobs.nightUnderFault(DATABASE_OUTAGE_NIGHT, nightTitle, system,
                        traffic, expected, JobFaults.databaseDownInTheNight(databaseDown(system)), health));
            }
        }
    }

    /** intake, then the notifier, each with the broker restarted in the middle, on a system of their own. */
    private void brokerRestart(Traffic traffic, Expected expected, Report report) throws Exception {
        progress("broker restart: starting a system");
        String intakeTitle = "Kafka broker restarted while 10 banks stream";
        String notifierTitle = "Kafka broker restarted while the notifier delivers";
        try (ReliabilitySystem system = start(false)) {
            try (Intake intake = new Intake(system, traffic, inOrder(traffic)); HealthWatch health = system.watchHealth("intake-service")) {
                attempt(report, BROKER_RESTART, intakeTitle, () -> intakeUnderFaults(BROKER_RESTART, intakeTitle, system, intake, traffic,
                        expected, new double[] {share(new Random(options.seed() + BROKER_RESTART.hashCode()))}, brokerRestarted(system), health));
            }
            attempt(report, BROKER_RESTART_NOTIFIER, notifierTitle, () -> notifierUnderFaults(BROKER_RESTART_NOTIFIER, notifierTitle, system,
                    expected.decisions(), brokerRestarted(system)));
        }
    }

    interface Scenario {
        ScenarioResult run() throws Exception;
    }

    /** Runs one scenario into the report (written at once); one that cannot finish is reported aborted, and the run goes on. */
    static void attempt(Report report, String key, String title, Scenario scenario) throws Exception {
        try {
            report.add(scenario.run());
        } catch (Exception e) {
            progress(key + ": aborted: " + e);
            e.printStackTrace();
            report.add(ScenarioResult.aborted(key, title, e));
        }
    }

    private String intakeCrashTitle() {
        return "intake-service SIGKILLed " + options.crashes() + "× while 10 banks stream, restarted each time";
    }

    private String notifierCrashTitle() {
        return "notifier SIGKILLed " + options.crashes() + "× while delivering, restarted each time";
    }

    /** {@code --crashes} seeded random shares of 5–90 %, in order: when to crash a service. */
    private double[] crashShares(Random random) {
        double[] shares = new double[options.crashes()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = share(random);
        }
        Arrays.sort(shares);
        return shares;
    }

    /**
     * A seeded random share of 5–90 %: when, in the work, a fault strikes. Each scenario seeds its own
     * with the run's seed plus its name's hash: java.util.Random's first draws of seeds 1 apart are nearly the same.
     */
    static double share(Random random) {
        return 0.05 + 0.85 * random.nextDouble();
    }

    private static String percents(double[] shares) {
        return Arrays.stream(shares).mapToObj(s -> String.format("%.1f %%", s * 100)).toList().toString();
    }

    /**
     * What a fault did: {@code what} it was, and when it was over (epoch millis and nanos) — the
     * SIGKILL, or the database or broker serving again — from which recovery counts.
     */
    record Inflicted(String what, long overMillis, long overNanos) {

        static Inflicted now(String what) {
            return new Inflicted(what, System.currentTimeMillis(), System.nanoTime());
        }
    }

    /** A fault struck at the running system, returning once it is over. */
    interface Fault {
        Inflicted strike() throws Exception;
    }

    /** A step of a fault that may fail: a SIGKILL, a start. */
    private interface Step {
        void run() throws Exception;
    }

    /** SIGKILL of a service's process ({@code kill}), and its restart until ready ({@code start}). */
    private static Fault crash(Step kill, Step start) {
        return () -> {
            Inflicted killed = Inflicted.now("SIGKILL");
            kill.run();
            start.run();
            return new Inflicted(String.format("SIGKILL, ready again after %.0f s", (System.nanoTime() - killed.overNanos()) / 1e9),
                    killed.overMillis(), killed.overNanos());
        };
    }

    private static Fault intakeCrash(ReliabilitySystem system) {
        return crash(system::crashIntake, system::startIntake);
    }

    private static Fault notifierCrash(ReliabilitySystem system) {
        return crash(system::crashNotifier, system::startNotifier);
    }

    /** The database server stopped for {@code --outage-seconds}, then started again on its files. */
    private Fault databaseDown(ReliabilitySystem system) {
        return () -> {
            long stopped = System.nanoTime();
            system.stopDatabase();
            Thread.sleep(Math.max(0, Duration.ofSeconds(options.outageSeconds()).toMillis() - (System.nanoTime() - stopped) / 1_000_000));
            system.restartDatabase();
            return Inflicted.now(String.format("database down, serving again after %.0f s", (System.nanoTime() - stopped) / 1e9));
        };
    }

    /** The broker stopped (a controlled shutdown) and started again at once on its log. */
    private static Fault brokerRestarted(ReliabilitySystem system) {
        return () -> {
            long stopped = System.nanoTime();
            system.restartKafka();
            return Inflicted.now(String.format("broker restarted, serving again after %.0f s", (System.nanoTime() - stopped) / 1e9));
        };
    }

    /**
     * intake-service SIGKILLed {@code --crashes} times while the banks stream, each time once the
     * outcomes reach a seeded random share of the events (5–90 %), and restarted at once.
     */
    private ScenarioResult intakeCrash(ReliabilitySystem system, Intake intake, Traffic traffic, Expected expected) throws Exception {
        return intakeUnderFaults(INTAKE_CRASH, intakeCrashTitle(), system, intake, traffic, expected, crashShares(new Random(options.seed())),
                intakeCrash(system), null);
    }

    /**
     * The banks streaming while {@code fault} strikes once the outcomes reach each of {@code shares}
     * of the events; then compared with the uninterrupted run. {@code health}, when given, must have
     * shown the fault. Time to recover: from the fault's end to the first outcome sent after it.
     */
    private ScenarioResult intakeUnderFaults(String key, String title, ReliabilitySystem system, Intake intake, Traffic traffic,
                                             Expected expected, double[] shares, Fault fault, HealthWatch health) throws Exception {
        progress(key + ": strikes at " + percents(shares) + " of the outcomes");
        List<String> notes = new ArrayList<>();
        notes.add("seed " + options.seed());
        double worstRecovery = 0;
        long firstStrike = 0;
        for (double share : shares) {
            intake.awaitAnswered((int) (share * traffic.size()));
            int answered = intake.outcomes().answered();
            firstStrike = firstStrike == 0 ? System.nanoTime() : firstStrike;
            intake.restarted();
            Inflicted over = fault.strike();
            intake.restarted();
            intake.awaitOutcomeSince(over.overMillis());
            double recovered = (System.nanoTime() - over.overNanos()) / 1e9;
            worstRecovery = Math.max(worstRecovery, recovered);
            notes.add(String.format("at %,d of %,d events answered: %s; answering again %.0f s after", answered, traffic.size(), over.what(),
                    recovered));
            progress(key + ": " + notes.get(notes.size() - 1));
        }
        double seconds = intake.awaitDrained();
        ScenarioResult result = compare(key, title, traffic, traffic.size(), 0, intake, expected, null, worstRecovery, seconds, notes);
        return health == null ? result : withHealth(result, health, firstStrike);
    }

    /** The result with what health said during the fault, unmet if it never showed it. */
    static ScenarioResult withHealth(ScenarioResult result, HealthWatch health, long faultNanos) {
        result.notes().add(health.describe(faultNanos));
        return health.sawDegraded() ? result : result.unmet("health never showed the fault");
    }

    private static final String BURST_TITLE = "burst: every bank sends all it has at once";

    /**
     * The uninterrupted run's burst: each bank sends its whole stream as fast as its producer can,
     * well past what intake sustains; the lag grows, then drains, with nothing rejected that the
     * contract accepts and the heap under its limit. Unmet if the burst was under {@value #BURST_MULTIPLE}×
     * the rate intake sustained.
     */
    private ScenarioResult backpressure(Traffic traffic, Expected expected) {
        BurstWatch.Peaks burst = expected.burst();
        double sent = traffic.size() / expected.sendSeconds();
        double sustained = traffic.size() / expected.seconds();
        double multiple = sent / sustained;
        long internal = expected.decisions().values().stream().flatMap(Set::stream)
                .filter(d -> d.violations().stream().anyMatch(v -> v.startsWith("INTERNAL"))).count();
        List<String> notes = new ArrayList<>();
        notes.add(String.format("sent in %.1f s, %,.0f events/s: %.1f× the %,.0f events/s intake sustained (every event answered and committed in %.0f s)",
                expected.sendSeconds(), sent, multiple, sustained, expected.seconds()));
        notes.add(String.format("lag peaked at %,d records %.0f s in, and was 0 again %s", burst.lag(), burst.lagAtSeconds(),
                burst.drainedAtSeconds() < 0 ? "at the end" : String.format("%.0f s in", burst.drainedAtSeconds())));
        notes.add(String.format("intake's heap peaked at %,d MiB of its %,d MiB limit (%d samples, one a second)", burst.heapUsed() >> 20,
                burst.heapMax() >> 20, burst.samples()));
        notes.add(internal + " events failed inside intake (INTERNAL); intake_event " + expected.byStatus());
        ScenarioResult result = new ScenarioResult(BACKPRESSURE, BURST_TITLE, traffic.size(), traffic.size(), expected.byStatus().getOrDefault("ACCEPTED", 0L),
                expected.byStatus().getOrDefault("REJECTED", 0L), 0, 0, 0, 0, internal, -1, 0, expected.seconds(), notes, null, null);
        if (multiple < BURST_MULTIPLE) {
            result = result.unmet(String.format("the burst was %.1f×, not %.0f×, what intake sustains", multiple, BURST_MULTIPLE));
        } else if (burst.heapMax() > 0 && burst.heapUsed() >= burst.heapMax()) {
            result = result.unmet("the heap reached its limit");
        }
        progress(BACKPRESSURE + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
        return result;
    }

    /**
     * The notifier started over the outcomes on the topic (one result owed to each bank per event
     * of its among {@code decisions}, intake's answers), struck by {@code fault} {@code --crashes} times once the results delivered to the banks' topics
     * reach a seeded random share (5–90 %). Each result must be in the
     * delivery ledger once (recipient, channel, result id: the idempotency key) and on its bank's
     * topic at least once; repeats there are counted (the bank de-duplicates by the id).
     */
    private ScenarioResult notifierUnderFaults(String key, String title, ReliabilitySystem system, Map<String, Set<OutcomeLog.Decision>> decisions,
                                               Fault fault) throws Exception {
        Set<String> owed = new TreeSet<>();
        decisions.keySet().stream().filter(k -> k.startsWith("bank/")).forEach(k -> {
            int bar = k.indexOf('|');
            owed.add(k.substring("bank/".length(), bar) + "|event/" + k.substring(bar + 1));
        });
        double[] shares = key.equals(NOTIFIER_CRASH) ? crashShares(new Random(options.seed() + 1))
                : new double[] {share(new Random(options.seed() + key.hashCode()))};
        progress(key + ": " + owed.size() + " bank results owed; strikes at " + percents(shares) + " of them delivered");
        Deliveries deliveries = new Deliveries(system);
        long began = System.nanoTime();
        system.startNotifier();
        List<String> notes = new ArrayList<>();
        notes.add("seed " + options.seed());
        double worstRecovery = 0;
        try (HealthWatch health = key.equals(NOTIFIER_CRASH) ? null : system.watchHealth("notifier")) {
            long firstStrike = 0;
            for (double share : shares) {
                long at = (long) (share * owed.size());
                awaitDelivered(deliveries, at, owed.size());
                long delivered = deliveries.delivered();
                firstStrike = firstStrike == 0 ? System.nanoTime() : firstStrike;
                Inflicted over = fault.strike();
                awaitDelivered(deliveries, Math.min(delivered + 1, owed.size()), owed.size());
                double recovered = (System.nanoTime() - over.overNanos()) / 1e9;
                worstRecovery = Math.max(worstRecovery, recovered);
                notes.add(String.format("at %,d of %,d results delivered: %s; delivering again %.0f s after", delivered, owed.size(), over.what(),
                        recovered));
                progress(key + ": " + notes.get(notes.size() - 1));
            }
            Deliveries.Ledger ledger = awaitSettled(deliveries, owed.size());
            double seconds = (System.nanoTime() - began) / 1e9;
            Map<String, Integer> arrivals = deliveries.onResultTopics(system.access().admin());
            long notInLedger = owed.stream().filter(k -> !ledger.keys().contains(k)).count();
            long notOnTopic = owed.stream().filter(k -> !arrivals.containsKey(k)).count();
            long unowed = ledger.keys().stream().filter(k -> !owed.contains(k)).count()
                    + arrivals.keySet().stream().filter(k -> !owed.contains(k)).count();
            long repeats = arrivals.values().stream().mapToLong(n -> n - 1).sum();
            notes.add(String.format("delivery ledger: %,d KAFKA rows, %,d distinct keys, %,d delivered, %,d pending; %,d owed results not in it",
                    ledger.rows(), ledger.distinctKeys(), ledger.delivered(), ledger.pending(), notInLedger));
            notes.add(String.format("banks' results topics: %,d records, %,d distinct result ids; %,d owed results not there",
                    arrivals.values().stream().mapToLong(Integer::longValue).sum(), arrivals.size(), notOnTopic));
            ScenarioResult result = new ScenarioResult(key, title, owed.size(), owed.size(), ledger.delivered(), 0, 0, repeats,
                    notInLedger + notOnTopic, ledger.rows() - ledger.distinctKeys(), unowed, -1, worstRecovery, seconds, notes, null, null);
            if (health != null) {
                result = withHealth(result, health, firstStrike);
            }
            progress(key + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
            return result;
        }
    }

    private static void awaitDelivered(Deliveries deliveries, long count, long owed) throws Exception {
        long deadline = System.nanoTime() + NOTIFIER_SETTLE_LIMIT.toNanos();
        long lastReport = 0;
        while (deliveries.delivered() < Math.min(count, owed)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the notifier delivered " + deliveries.delivered() + " of " + owed + " results, not "
                        + count + ", within " + NOTIFIER_SETTLE_LIMIT.toMinutes() + " minutes");
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
                lastReport = System.nanoTime();
                progress("notifier: " + deliveries.delivered() + "/" + owed + " results delivered");
            }
            Thread.sleep(250);
        }
    }

    /** Waits until every owed result is in the ledger and none is pending. */
    private static Deliveries.Ledger awaitSettled(Deliveries deliveries, long owed) throws Exception {
        long deadline = System.nanoTime() + NOTIFIER_SETTLE_LIMIT.toNanos();
        while (true) {
            Deliveries.Ledger ledger = deliveries.ledger();
            if (ledger.rows() >= owed && ledger.pending() == 0) {
                return ledger;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the notifier did not settle within " + NOTIFIER_SETTLE_LIMIT.toMinutes() + " minutes: "
                        + ledger.rows() + " of " + owed + " results recorded, " + ledger.pending() + " pending");
            }
            Thread.sleep(1000);
        }
    }

    /**
     * The same events, each record key's events in a seeded random order among that key's places in
     * the stream (a child before its parent, a repayment before its loan), and {@code --duplicates}
     * percent of them sent a second time at a random place; then the same night.
     */
    private ScenarioResult orderAndDuplicates(Traffic traffic, Expected expected) throws Exception {
        Random random = new Random(options.seed());
        List<Integer> order = shuffledWithinKeys(traffic, random);
        int duplicates = (int) Math.round(traffic.size() * options.duplicatePercent() / 100.0);
        order = withDuplicates(order, duplicates, random);
        progress("order and duplicates: starting a system; " + order.size() + " records, " + duplicates + " of them duplicates");
        try (ReliabilitySystem system = start(true)) {
            try (Intake intake = new Intake(system, traffic, order)) {
                double seconds = intake.awaitDrained();
                TableContents claims = night(system, traffic.lastBusinessDate);
                return compare(ORDER, "shuffled within keys, " + options.duplicatePercent() + " % duplicates", traffic, order.size(), duplicates,
                        intake, expected, claims, 0, seconds, List.of("seed " + options.seed()));
            }
        }
    }

    private ScenarioResult compare(String key, String title, Traffic traffic, long eventsIn, long duplicatesSent, Intake intake,
                                   Expected expected, TableContents claims, double recoverSeconds, double seconds, List<String> notes)
            throws Exception {
        List<String> allNotes = new ArrayList<>(notes);
        Map<String, Set<OutcomeLog.Decision>> decisions = intake.outcomes().decisions();
        long answeredTimes = intake.outcomes().records();
        long lostEvents = expected.decisions().keySet().stream().filter(k -> !decisions.containsKey(k)).count();
        long differing = 0;
        for (Map.Entry<String, Set<OutcomeLog.Decision>> event : expected.decisions().entrySet()) {
            Set<OutcomeLog.Decision> seen = decisions.get(event.getKey());
            if (seen != null && !seen.equals(event.getValue())) {
                differing++;
                if (differing <= 3) {
                    allNotes.add("outcome of " + event.getKey() + ": " + seen + ", uninterrupted " + event.getValue());
                }
            }
        }
        long unexpected = decisions.keySet().stream().filter(k -> !expected.decisions().containsKey(k)).count();
        differing += unexpected;
        TableContents ledger = intake.ledger();
        long missing = 0;
        long extra = 0;
        for (TableContents.Difference difference : ledger.differencesFrom(expected.ledger())) {
            missing += difference.missing();
            extra += difference.extra();
            allNotes.add(difference.note("ledger "));
        }
        long claimsDiffering = -1;
        if (claims != null) {
            claimsDiffering = claims.differingRows(expected.claims(), "claims ", allNotes);
            allNotes.add(String.format("claims compared: %,d rows of %s", claims.totalRows(), CLAIM_TABLES));
        }
        Map<String, Long> byStatus = intake.eventsByStatus();
        allNotes.add(String.format("ledger compared: %,d rows, intake_event %s", ledger.totalRows(), byStatus));
        ScenarioResult result = new ScenarioResult(key, title, eventsIn, traffic.size(), byStatus.getOrDefault("ACCEPTED", 0L),
                byStatus.getOrDefault("REJECTED", 0L), duplicatesSent, answeredTimes - decisions.size(), lostEvents + missing, extra,
                differing, claimsDiffering, recoverSeconds, seconds, allNotes, null, null);
        progress(key + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
        return result;
    }

    ReliabilitySystem start(boolean withSubsidyBatch) throws Exception {
        ReliabilitySystem system = new ReliabilitySystem(root);
        try {
            system.startInfrastructure();
            system.startIntake();
            if (withSubsidyBatch) {
                system.startSubsidyBatch();
            }
            return system;
        } catch (Exception e) {
            system.close();
            throw e;
        }
    }

    /** The night of {@code date}, the first one run: every trigger of the traffic is due in it; then the claims' tables. */
    static TableContents night(ReliabilitySystem system, LocalDate date) throws Exception {
        progress("night of " + date);
        new NightlyStage(system.http(), system.subsidyBase(), system.officerToken()).runToEnd(date, Duration.ofSeconds(2));
        try (Connection c = system.rootConnection("subsidy")) {
            return TableContents.read(c, "subsidy", CLAIM_TABLES::contains);
        }
    }

    static List<Integer> inOrder(Traffic traffic) {
        List<Integer> order = new ArrayList<>(traffic.size());
        for (int i = 0; i < traffic.size(); i++) {
            order.add(i);
        }
        return order;
    }

    /** Each record key's events shuffled among the places that key's events hold in the stream. */
    static List<Integer> shuffledWithinKeys(Traffic traffic, Random random) {
        Map<String, List<Integer>> places = new LinkedHashMap<>();
        for (int i = 0; i < traffic.size(); i++) {
            places.computeIfAbsent(traffic.topics.get(i) + "|" + traffic.keys.get(i), k -> new ArrayList<>()).add(i);
        }
        Integer[] order = new Integer[traffic.size()];
        for (List<Integer> keyPlaces : places.values()) {
            List<Integer> shuffled = new ArrayList<>(keyPlaces);
            Collections.shuffle(shuffled, random);
            for (int j = 0; j < keyPlaces.size(); j++) {
                order[keyPlaces.get(j)] = shuffled.get(j);
            }
        }
        return Arrays.asList(order);
    }

    /** {@code order} with {@code count} of its events (distinct, chosen at random) sent once more, each at a random place. */
    static List<Integer> withDuplicates(List<Integer> order, int count, Random random) {
        List<Integer> events = new ArrayList<>(order);
        Collections.shuffle(events, random);
        // each record's place in the stream: the originals at their index, the repeats anywhere
        Map<Integer, List<Integer>> repeatsBefore = new HashMap<>();
        for (int event : events.subList(0, Math.min(count, events.size()))) {
            repeatsBefore.computeIfAbsent(random.nextInt(order.size() + 1), p -> new ArrayList<>()).add(event);
        }
        List<Integer> withRepeats = new ArrayList<>(order.size() + count);
        for (int place = 0; place <= order.size(); place++) {
            withRepeats.addAll(repeatsBefore.getOrDefault(place, List.of()));
            if (place < order.size()) {
                withRepeats.add(order.get(place));
            }
        }
        return withRepeats;
    }

    static void progress(String line) {
        System.out.println("[reliability " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + "] " + line);
        System.out.flush();
    }
}
