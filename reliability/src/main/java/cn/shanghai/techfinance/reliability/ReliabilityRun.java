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
 * the traffic of ten banks streamed once uninterrupted, and then again with intake-service killed
 * (SIGKILL) and restarted at seeded random moments, and again shuffled within each record key with
 * duplicates; each compared with the uninterrupted run by content — ledger, outcomes, claims.
 */
public final class ReliabilityRun {

    static final String INTAKE_CRASH = "intake-crash";
    static final String NOTIFIER_CRASH = "notifier-crash";
    static final String ORDER = "order-duplicates";
    static final List<String> SCENARIOS = List.of(INTAKE_CRASH, NOTIFIER_CRASH, ORDER);
    /** How long the notifier may take to settle after its last restart. */
    private static final Duration NOTIFIER_SETTLE_LIMIT = Duration.ofMinutes(20);
    private static final Set<String> CLAIM_TABLES = Set.of("claim", "claim_unit", "cap_usage", "defaulted_contract");

    /** The run's sizes and seed; the defaults are the issue's. */
    record Options(int events, int crashes, long seed, int duplicatePercent, Set<String> scenarios) {

        static Options parse(String[] args) {
            int events = 100_000;
            int crashes = 3;
            long seed = System.currentTimeMillis();
            int duplicates = 10;
            Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--events" -> events = Integer.parseInt(required(args[i], value));
                    case "--crashes" -> crashes = Integer.parseInt(required(args[i], value));
                    case "--seed" -> seed = Long.parseLong(required(args[i], value));
                    case "--duplicates" -> duplicates = Integer.parseInt(required(args[i], value));
                    case "--only" -> scenarios = new LinkedHashSet<>(Arrays.asList(required(args[i], value).split(",")));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (options: --events N --crashes N --seed S --duplicates PERCENT --only " + String.join(",", SCENARIOS) + ")");
                }
                i++;
            }
            for (String scenario : scenarios) {
                if (!SCENARIOS.contains(scenario)) {
                    throw new IllegalArgumentException("unknown scenario " + scenario + " (scenarios: " + String.join(", ", SCENARIOS) + ")");
                }
            }
            if (events < 100 || crashes < 1 || duplicates < 0) {
                throw new IllegalArgumentException("--events needs at least 100, --crashes at least 1, --duplicates 0 or more");
            }
            return new Options(events, crashes, seed, duplicates, scenarios);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    /** The uninterrupted run: what every scenario must equal. */
    record Expected(TableContents ledger, Map<String, Set<OutcomeLog.Decision>> decisions, TableContents claims, Map<String, Long> byStatus,
                    double seconds) {
    }

    private final Path root;
    private final Options options;

    private ReliabilityRun(Path root, Options options) {
        this.root = root;
        this.options = options;
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
        boolean nights = options.scenarios().contains(ORDER);
        // the notifier's crash needs only the results owed, which the crash system's own intake tells
        Expected expected = null;
        if (options.scenarios().contains(INTAKE_CRASH) || options.scenarios().contains(ORDER)) {
            expected = uninterrupted(traffic, nights);
            report.setting("uninterrupted run", String.format("%.0f s to every outcome; intake_event %s", expected.seconds(), expected.byStatus()));
        }
        if (options.scenarios().contains(INTAKE_CRASH) || options.scenarios().contains(NOTIFIER_CRASH)) {
            crashes(traffic, expected, report);
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
            try (Intake intake = new Intake(system, traffic, inOrder(traffic))) {
                seconds = intake.awaitDrained();
                decisions = intake.outcomes().decisions();
                ledger = intake.ledger();
                byStatus = intake.eventsByStatus();
            }
            TableContents claims = night ? night(system, traffic.lastBusinessDate) : null;
            progress(String.format("uninterrupted run: %d ledger rows, %s", ledger.totalRows(), byStatus));
            return new Expected(ledger, decisions, claims, byStatus, seconds);
        }
    }

    /**
     * One system for both crash scenarios: intake's (or, without it, the traffic streamed
     * uninterrupted), then the notifier's over the outcomes intake left on the topic.
     */
    private void crashes(Traffic traffic, Expected expected, Report report) throws Exception {
        progress("crashes: starting a system");
        try (ReliabilitySystem system = start(false)) {
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
                attempt(report, NOTIFIER_CRASH, notifierCrashTitle(), () -> notifierCrash(system, decisions));
            }
        }
    }

    private interface Scenario {
        ScenarioResult run() throws Exception;
    }

    /** Runs one scenario into the report (written at once); one that cannot finish is reported aborted, and the run goes on. */
    private static void attempt(Report report, String key, String title, Scenario scenario) throws Exception {
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
            shares[i] = 0.05 + 0.85 * random.nextDouble();
        }
        Arrays.sort(shares);
        return shares;
    }

    private static String percents(double[] shares) {
        return Arrays.stream(shares).mapToObj(s -> String.format("%.1f %%", s * 100)).toList().toString();
    }

    /**
     * intake-service SIGKILLed {@code --crashes} times while the banks stream, each time once the
     * outcomes reach a seeded random share of the events (5–90 %), and restarted at once.
     */
    private ScenarioResult intakeCrash(ReliabilitySystem system, Intake intake, Traffic traffic, Expected expected) throws Exception {
        double[] shares = crashShares(new Random(options.seed()));
        progress("intake crash: SIGKILL at " + percents(shares) + " of the outcomes");
        List<String> notes = new ArrayList<>();
        notes.add("seed " + options.seed());
        double worstRecovery = 0;
        for (double share : shares) {
            int at = (int) (share * traffic.size());
            intake.awaitAnswered(at);
            int answered = intake.outcomes().answered();
            long killedAt = System.currentTimeMillis();
            long killedNanos = System.nanoTime();
            system.crashIntake();
            progress("intake crash: SIGKILL at " + answered + " events answered");
            system.startIntake();
            double ready = (System.nanoTime() - killedNanos) / 1e9;
            intake.restarted();
            intake.awaitOutcomeSince(killedAt);
            double recovered = (System.nanoTime() - killedNanos) / 1e9;
            worstRecovery = Math.max(worstRecovery, recovered);
            notes.add(String.format("SIGKILL at %,d of %,d events answered: ready again after %.0f s, answering after %.0f s", answered,
                    traffic.size(), ready, recovered));
            progress(notes.get(notes.size() - 1));
        }
        double seconds = intake.awaitDrained();
        return compare(INTAKE_CRASH, intakeCrashTitle(), traffic, traffic.size(), 0, intake, expected, null, worstRecovery, seconds, notes);
    }

    /**
     * The notifier started over the outcomes on the topic (one result owed to each bank per event
     * of its among {@code decisions}, intake's answers), SIGKILLed {@code --crashes} times once the results delivered to the banks' topics
     * reach a seeded random share (5–90 %), and restarted at once. Each result must be in the
     * delivery ledger once (recipient, channel, result id: the idempotency key) and on its bank's
     * topic at least once; repeats there are counted (the bank de-duplicates by the id).
     */
    private ScenarioResult notifierCrash(ReliabilitySystem system, Map<String, Set<OutcomeLog.Decision>> decisions) throws Exception {
        Set<String> owed = new TreeSet<>();
        decisions.keySet().stream().filter(key -> key.startsWith("bank/")).forEach(key -> {
            int bar = key.indexOf('|');
            owed.add(key.substring("bank/".length(), bar) + "|event/" + key.substring(bar + 1));
        });
        double[] shares = crashShares(new Random(options.seed() + 1));
        progress("notifier crash: " + owed.size() + " bank results owed; SIGKILL at " + percents(shares) + " of them delivered");
        Deliveries deliveries = new Deliveries(system);
        long began = System.nanoTime();
        system.startNotifier();
        List<String> notes = new ArrayList<>();
        notes.add("seed " + (options.seed() + 1));
        double worstRecovery = 0;
        for (double share : shares) {
            long at = (long) (share * owed.size());
            awaitDelivered(deliveries, at, owed.size());
            long delivered = deliveries.delivered();
            long killedNanos = System.nanoTime();
            system.crashNotifier();
            progress("notifier crash: SIGKILL at " + delivered + " results delivered");
            system.startNotifier();
            double ready = (System.nanoTime() - killedNanos) / 1e9;
            awaitDelivered(deliveries, Math.min(delivered + 1, owed.size()), owed.size());
            double recovered = (System.nanoTime() - killedNanos) / 1e9;
            worstRecovery = Math.max(worstRecovery, recovered);
            notes.add(String.format("SIGKILL at %,d of %,d results delivered: ready again after %.0f s, delivering after %.0f s", delivered,
                    owed.size(), ready, recovered));
            progress(notes.get(notes.size() - 1));
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
        ScenarioResult result = new ScenarioResult(NOTIFIER_CRASH, notifierCrashTitle(), owed.size(), owed.size(), ledger.delivered(), 0, 0, repeats, notInLedger + notOnTopic, ledger.rows() - ledger.distinctKeys(),
                unowed, -1, worstRecovery, seconds, notes, null);
        progress(NOTIFIER_CRASH + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
        return result;
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
            allNotes.add("ledger " + difference.table() + ": " + difference.missing() + " rows missing, " + difference.extra() + " extra; "
                    + String.join(" | ", difference.examples()));
        }
        long claimsDiffering = -1;
        if (claims != null) {
            claimsDiffering = 0;
            for (TableContents.Difference difference : claims.differencesFrom(expected.claims())) {
                claimsDiffering += difference.missing() + difference.extra();
                allNotes.add("claims " + difference.table() + ": " + difference.missing() + " rows missing, " + difference.extra() + " extra; "
                        + String.join(" | ", difference.examples()));
            }
            allNotes.add(String.format("claims compared: %,d rows of %s", claims.totalRows(), CLAIM_TABLES));
        }
        Map<String, Long> byStatus = intake.eventsByStatus();
        allNotes.add(String.format("ledger compared: %,d rows, intake_event %s", ledger.totalRows(), byStatus));
        ScenarioResult result = new ScenarioResult(key, title, eventsIn, traffic.size(), byStatus.getOrDefault("ACCEPTED", 0L),
                byStatus.getOrDefault("REJECTED", 0L), duplicatesSent, answeredTimes - decisions.size(), lostEvents + missing, extra,
                differing, claimsDiffering, recoverSeconds, seconds, allNotes, null);
        progress(key + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
        return result;
    }

    private ReliabilitySystem start(boolean withSubsidyBatch) throws Exception {
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
    private static TableContents night(ReliabilitySystem system, LocalDate date) throws Exception {
        progress("night of " + date);
        new NightlyStage(system.http(), system.subsidyBase(), system.officerToken()).runToEnd(date, Duration.ofSeconds(2));
        try (Connection c = system.rootConnection("subsidy")) {
            return TableContents.read(c, "subsidy", CLAIM_TABLES::contains);
        }
    }

    private static List<Integer> inOrder(Traffic traffic) {
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
