package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.Csv;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.identity.DemoUser;
import cn.shanghai.techfinance.identity.LocalDemoUsers;
import cn.shanghai.techfinance.identity.LocalIdentityProvider;
import cn.shanghai.techfinance.infra.DatabaseUsers;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.Secrets;
import cn.shanghai.techfinance.local.EventsReplay.Line;
import cn.shanghai.techfinance.traffic.EventsFile;
import cn.shanghai.techfinance.traffic.TrafficGenerator;
import cn.shanghai.techfinance.traffic.TrafficProfile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * deploy/local/run.sh: the whole system on this machine, each part in its own process — a Kafka
 * broker (KRaft, :19092) and a MariaDB server (:13306), intake-service, subsidy-batch, notifier — then the
 * main job, then everything stopped again. Every client logs in as itself: the services, the banks
 * and the credit platform as their own Kafka principals (SASL/SCRAM, ACLs: {@link LocalAccess}),
 * the services as their own database users ({@link DatabaseUsers}).
 *
 * <pre>
 * run.sh [--out DIR]                      demo: generated traffic of several banks, all nights, then each quarter's
 *                                           publication, confirmations, settlements ({@link DemoActions}), a summary
 * run.sh --events F.jsonl --through D --out DIR   replay a bank events file, write DIR/claims.csv, rejections.csv, deliveries.csv
 * run.sh --events F.jsonl --actions A.jsonl --through D --out DIR   then play people's actions through the API
 *                                           (publish, confirm, settle, approve, reconcile…), write DIR/actions.csv, settlements.csv
 * run.sh ... --keep                        leave the system running to explore it (Ctrl-C stops it); prints the web
 *                                           console's address and its demo users
 * run.sh ... --workers N                   subsidy-batch as a nightly manager and N worker processes (0, the default:
 *                                           one standalone process; at most 4, the partitions of the requests' topic)
 * run.sh ... --intake N                    N intake-service instances in one consumer group (default 1, at most 4)
 * </pre>
 *
 * <p>Ports ({@link Layout}): the first intake :18081 (management :19181), further ones :18092, :18093, :18094
 * (:19192…); subsidy-batch :18082 (:19182) — the manager when there are workers — its workers :18101… (:19201…);
 * the notifier :18083 (:19183); the console's sign-in (the local OIDC issuer, in this process) :18080.
 *
 * With {@code --actions} every action's date is the business date it happens on: before it the
 * nights up to the day before, then the business clock set to its date (subsidy-batch runs in
 * simulation mode here), then the call ({@link ActionsReplay}); after the last, the nights up to
 * {@code --through}, the clock left there. The file is checked before anything starts
 * ({@link ActionsFile}).
 */
public final class LocalRun {

    static final SystemPorts PORTS = SystemPorts.LOCAL;
    static final int KAFKA_PORT = PORTS.kafka().clients();
    static final int KAFKA_CONTROLLER_PORT = PORTS.kafka().controller();
    /** The broker's own listener and the local run's administration (super user {@code admin}). */
    static final int KAFKA_ADMIN_PORT = PORTS.kafka().internal();
    static final LocalKafkaBroker.Ports KAFKA_PORTS = PORTS.kafka();
    /** The demo's insurers (科技保险), beside the traffic generator's banks; codes of one namespace with theirs. */
    static final List<String> DEMO_INSURERS = List.of("PICC-SH", "CPIC-SH");
    static final String KAFKA = KAFKA_PORTS.clientsBootstrap();
    static final int DB_PORT = PORTS.db();
    static final int INTAKE_PORT = PORTS.intake();
    static final int SUBSIDY_PORT = PORTS.subsidy();
    static final int NOTIFIER_PORT = PORTS.notifier();
    /** Each service's actuator (health, metrics, prometheus) on a port of its own, as in a cluster. */
    static final int INTAKE_MANAGEMENT_PORT = PORTS.intakeManagement();
    static final int SUBSIDY_MANAGEMENT_PORT = PORTS.subsidyManagement();
    static final int NOTIFIER_MANAGEMENT_PORT = PORTS.notifierManagement();
    /** The web console's sign-in: the local OIDC issuer (local-identity), in this process. */
    static final int IDENTITY_PORT = 18080;
    /** How many of the run's firms get a demo login (those with a published claim first). */
    static final int DEMO_FIRMS = 3;
    static final Duration START_TIMEOUT = SystemLauncher.START_TIMEOUT;
    /** The services' JVM flags here: start-up over peak speed (the benchmark runs production's). */
    static final List<String> SERVICE_JVM_FLAGS = List.of("-Xmx768m", "-XX:TieredStopAtLevel=1");
    static final String USAGE = "usage: deploy/local/run.sh [--events FILE.jsonl [--actions ACTIONS.jsonl] --through YYYY-MM-DD --out DIR"
            + " [--what-if DRAFT.json --from YYYY-MM-DD --to YYYY-MM-DD]] [--keep] [--workers N] [--intake N]";

    private final Path root;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final StatusLine status = StatusLine.onStandardOutput();
    /** Starts (and stops) the processes, on the local run's ports. */
    private final SystemLauncher launcher;
    private LocalAccess access;
    /** What startSystem started, for the URLs --keep prints. */
    private Layout layout = Layout.SINGLE;
    /** The local token issuer: its key pair in .data/jwt (made at the first run), its public key given to the services. */
    private final LocalTokens tokens;
    /** A bank and a firm of the run's claims, for the example calls --keep prints. */
    private String exampleBank;
    private String exampleFirm;
    /** Where people sign in to the console; started before subsidy-batch, which reads its OIDC configuration at start-up. */
    private LocalIdentityProvider identity;

    LocalRun(Path root) {
        this.root = root;
        this.dataDir = root.resolve("deploy/local/.data");
        this.tokens = LocalTokens.loadOrCreate(jwtDir(root));
        this.launcher = new SystemLauncher(root, dataDir, PORTS, SERVICE_JVM_FLAGS, tokens);
    }

    /** Where the local run and token.sh keep the key pair: deploy/local/.data/jwt. */
    static Path jwtDir(Path root) {
        return root.resolve("deploy/local/.data/jwt");
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
        LocalRun run = new LocalRun(Path.of(System.getProperty("techfinance.root", ".")).toAbsolutePath().normalize());
        Runtime.getRuntime().addShutdownHook(new Thread(run::stopAll, "local-run-stop"));
        try {
            run.run(options);
            System.exit(0);
        } catch (Exception e) {
            System.err.println();
            System.err.println("run.sh failed: " + (e.getMessage() != null ? e.getMessage() : e));
            System.exit(1);
        }
    }

    void run(Options options) throws Exception {
        startSystem(options.layout());
        if (options.events() != null) {
            replay(options.events(), options.actions(), options.through(), options.out());
            if (options.whatIf() != null) {
                whatIf(options.whatIf(), options.out());
            }
        } else {
            demo(options.out() != null ? options.out() : dataDir.resolve("demo"));
        }
        if (options.keep()) {
            printUrls();
            System.out.println("Running until Ctrl-C.");
            Thread.currentThread().join();
        }
    }

    /**
     * Infrastructure first (it prints READY), then one of each service side by side, each until
     * healthy, then the layout's further intake instances and nightly workers: they find their
     * schemas migrated, and do not compete with the first ones for this machine's cores meanwhile.
     */
    void startSystem(Layout layout) throws Exception {
        this.layout = layout;
        Files.createDirectories(dataDir);
        stopLeftovers();
        List<Integer> ports = new ArrayList<>(PORTS.infrastructureAndNotifierPorts());
        ports.addAll(layout.servicePorts());
        ports.add(IDENTITY_PORT);
        SystemLauncher.requireFree(ports, "is another local run still going? Stop it");
        String consoleSecret = new Secrets(dataDir.resolve("secrets")).keyOf("console-client-secret", 24);
        identity = LocalIdentityProvider.start(tokens, IDENTITY_PORT, consoleSecret, List.of(consoleUrl()), LocalDemoUsers.STAFF);
        launcher.withConsole(new SystemLauncher.Console(identity.issuerUri(), LocalIdentityProvider.CONSOLE_CLIENT, consoleSecret));
        say("the console's sign-in (the local OpenID Connect issuer) on " + identity.issuerUri());
        say("starting Kafka (" + KAFKA + ", SASL/SCRAM-SHA-512) and MariaDB (:" + DB_PORT + ", data in " + root.relativize(dataDir) + ")");
        List<String> onboarded = launcher.startInfrastructure();
        recordProcesses();
        access = launcher.access();
        say("principals and ACLs of the services and the credit platform" + (onboarded.isEmpty() ? ""
                : " and of the " + onboarded.size() + " banks onboarded before " + onboarded) + " created; client files in "
                + root.relativize(access.clientFile(KafkaAccess.CREDIT_PLATFORM).getParent()));
        launcher.resetSchemas();
        say("starting intake-service (:" + INTAKE_PORT + "), subsidy-batch (:" + SUBSIDY_PORT
                + (layout.workers() == 0 ? "" : ", nightly manager") + ") and notifier (:" + NOTIFIER_PORT + ")");
        ServiceProcess intake = launcher.startIntake(0);
        ServiceProcess subsidy = launcher.startSubsidyBatch(layout.workers() == 0 ? "standalone" : "manager", 0);
        ServiceProcess notifier = launcher.startNotifier();
        recordProcesses();
        // readiness on the main port, open, as a platform's probe sees it
        intake.awaitHealthy(http, "http://127.0.0.1:" + INTAKE_PORT + "/readyz", START_TIMEOUT);
        // intake's migrations have run, so its ledger tables exist: subsidy-batch's ledger reader is
        // granted them now — subsidy-batch is not ready (its ledger health is down) until it is
        launcher.grantLedgerReads();
        notifier.awaitHealthy(http, "http://127.0.0.1:" + NOTIFIER_PORT + "/readyz", START_TIMEOUT);
        subsidy.awaitHealthy(http, "http://127.0.0.1:" + SUBSIDY_PORT + "/readyz", START_TIMEOUT);
        if (!layout.equals(Layout.SINGLE)) {
            say("then the scaled layout: " + layout.describe());
            List<ServiceProcess> intakes = new ArrayList<>();
            for (int instance = 1; instance < layout.intakes(); instance++) {
                intakes.add(launcher.startIntake(instance));
            }
            List<ServiceProcess> workers = new ArrayList<>();
            for (int worker = 1; worker <= layout.workers(); worker++) {
                workers.add(launcher.startSubsidyBatch("worker", worker));
            }
            recordProcesses();
            for (int instance = 1; instance < layout.intakes(); instance++) {
                intakes.get(instance - 1).awaitHealthy(http, "http://127.0.0.1:" + Layout.intakePort(instance) + "/readyz", START_TIMEOUT);
            }
            for (int worker = 1; worker <= layout.workers(); worker++) {
                workers.get(worker - 1).awaitHealthy(http, "http://127.0.0.1:" + Layout.workerPort(worker) + "/readyz", START_TIMEOUT);
            }
        }
        say("all healthy; logs in " + root.relativize(launcher.logs()));
    }

    /**
     * Generated traffic of several banks over three years (every edge case of the rules), replayed;
     * then the demo's actions, made from its claims as they go ({@link DemoActions}), played, and
     * written to {@code actions.jsonl} beside {@code events.jsonl}: both replay with {@code --events},
     * {@code --actions}.
     */
    void demo(Path out) throws Exception {
        // a few lines that break the contract, so the demo shows rejections too; two insurers' tech-insurance policies (科技保险)
        TrafficProfile profile = TrafficProfile.defaults().withMalformedShare(0.002).withInsurerCodes(DEMO_INSURERS);
        Files.createDirectories(out);
        Path events = out.resolve("events.jsonl");
        long written;
        try (var lines = new TrafficGenerator(profile).lines()) {
            written = EventsFile.writeLines(events, lines);
        }
        say("generated " + written + " events of " + profile.firms() + " firms at " + profile.bankCodes() + " and " + profile.insurerCodes() + ", "
                + profile.from() + " .. " + profile.until() + " -> " + events);
        replay(events, null, new DemoRehearsal(profile.from(), out.resolve("actions.jsonl")), profile.until(), out);
    }

    /** Replays a bank events file and writes the claims and the rejections. */
    void replay(Path eventsFile, LocalDate through, Path out) throws Exception {
        replay(eventsFile, null, through, out);
    }

    /**
     * Replays a bank events file, then (unless {@code actions} is null) plays the actions, and writes
     * the claims, the rejections (and the actions' answers and the settlements).
     */
    void replay(Path eventsFile, List<Action> actions, LocalDate through, Path out) throws Exception {
        replay(eventsFile, actions, null, through, out);
    }

    /**
     * Replays a bank events file, then plays the actions — those of a file ({@code actions}), or the
     * demo's, made step by step from its own claims ({@code demo}, {@link DemoActions}) — or, with
     * neither, runs the nights; writes the outputs.
     */
    void replay(Path eventsFile, List<Action> actions, DemoRehearsal demo, LocalDate through, Path out) throws Exception {
        List<byte[]> raw = Files.readAllLines(eventsFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        List<Line> lines = EventsReplay.read(raw);
        Set<String> banks = EventsReplay.banks(lines);
        say("onboarding " + banks.size() + " banks " + banks + " (topics, principal, ACLs: as bank.sh add does)");
        banks.forEach(access::onboard);
        Set<String> insurers = EventsReplay.insurers(lines);
        if (!insurers.isEmpty()) {
            say("onboarding " + insurers.size() + " insurers " + insurers + " (as bank.sh add --insurer does)");
            insurers.forEach(access::onboardInsurer);
        }
        EventsReplay replay = new EventsReplay(access::login, access.admin());
        long total = lines.size();
        EventsReplay.Progress progress = new EventsReplay.Progress() {
            @Override
            public void sent(long n) {
                status.update("events sent " + n + "/" + total);
            }

            @Override
            public void answered(long n) {
                status.update("outcomes received " + n + "/" + total);
            }
        };
        replay.send(lines, progress);
        status.end();
        replay.awaitOutcomes(lines, new IntakeApi(http, "http://127.0.0.1:" + INTAKE_PORT, officerToken()), progress, Duration.ofMinutes(30));
        status.end();

        SubsidyApi subsidy = new SubsidyApi(http, "http://127.0.0.1:" + SUBSIDY_PORT, officerToken());
        NightPlan plan = new NightPlan(EventsReplay.firstBusinessDate(lines));
        Files.createDirectories(out);
        ActionsReplay played = null;
        if (actions == null && demo == null) {
            runNights(subsidy, plan, through);
        } else {
            played = new ActionsReplay(subsidy, tokens, day -> runNights(subsidy, plan, day), status);
            if (actions != null) {
                played.play(actions, out.resolve("actions.csv"));
            } else {
                playDemoActions(subsidy, plan, played, demo.from(), through, demo.actionsFile(), out.resolve("actions.csv"));
            }
            played.finish(through);
            Files.writeString(out.resolve("settlements.csv"), played.settlementsCsv(), StandardCharsets.UTF_8);
        }

        String claims = subsidy.claimsCsv(through);
        rememberExamples(claims, banks);
        Files.writeString(out.resolve("claims.csv"), claims, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("rejections.csv"), rejectionsCsv(lines), StandardCharsets.UTF_8);

        // the notifier owes each bank one result per answered event of its own and per claim event on its loans
        long bankOutcomes = lines.stream().filter(l -> l.outcome != null && l.outcome.bankCode() != null).count();
        long claimChanges = subsidy.claimEvents(banks);
        status.update("waiting for the notifier to deliver " + (bankOutcomes + claimChanges) + " bank results");
        List<NotifierApi.Delivery> deliveries = new NotifierApi(http, "http://127.0.0.1:" + NOTIFIER_PORT, officerToken())
                .awaitSettled(bankOutcomes + claimChanges, Duration.ofMinutes(20));
        status.end();
        Files.writeString(out.resolve("deliveries.csv"), deliveriesCsv(deliveries), StandardCharsets.UTF_8);
        printSummary(lines, claims, deliveries, played, out);
    }

    /** After a replay: prices the draft on the ledger the replay made, writes {@code out/what-if.csv} and prints it. */
    void whatIf(WhatIfRun whatIf, Path out) throws IOException, InterruptedException {
        say("pricing the what-if " + whatIf.file() + " over " + whatIf.from() + " .. " + whatIf.to());
        long start = System.nanoTime();
        System.out.print(whatIf.run(new SubsidyApi(http, "http://127.0.0.1:" + SUBSIDY_PORT, officerToken()), out));
        say(String.format("what-if priced in %.1f s -> %s", (System.nanoTime() - start) / 1e9, out.resolve("what-if.csv")));
    }

    /**
     * The demo's actions ({@link DemoActions}): made step by step from what the nights computed, each
     * step appended to {@code actionsFile} and played at once, its rows in {@code actionsCsv}.
     */
    private void playDemoActions(SubsidyApi subsidy, NightPlan plan, ActionsReplay played, LocalDate from, LocalDate through,
                                 Path actionsFile, Path actionsCsv) throws IOException, InterruptedException {
        DemoActions.Calendar calendar = loadedCalendar(subsidy, from, through);
        try (BufferedWriter file = Files.newBufferedWriter(actionsFile, StandardCharsets.UTF_8);
             BufferedWriter csv = Files.newBufferedWriter(actionsCsv, StandardCharsets.UTF_8)) {
            csv.write(ActionsReplay.HEADER + "\n");
            int[] lineNo = {0};
            List<String> lines = DemoActions.play(from, through, calendar, new DemoActions.Live() {
                @Override
                public List<DemoActions.Claim> claimsAfterNight(LocalDate day) throws IOException, InterruptedException {
                    runNights(subsidy, plan, day);
                    return DemoActions.Claim.fromExport(subsidy.claimsCsv(day));
                }

                @Override
                public List<String> payeesOfLastSettlement() throws IOException, InterruptedException {
                    if (played.lastPrepared().isEmpty()) {
                        return List.of();
                    }
                    SubsidyApi.Answer answer = subsidy.call("GET", "/api/v1/settlements/" + played.lastPrepared().get() + "/payments.csv",
                            null, null);
                    // before approval (or when the approval was refused) there is no payment file: nothing to reconcile
                    return answer.ok() ? DemoActions.payees(answer.body()) : List.of();
                }

                @Override
                public void play(List<String> step) throws IOException, InterruptedException {
                    List<Action> actions = new ArrayList<>();
                    for (String line : step) {
                        file.write(line + "\n");
                        actions.add(Action.parse(++lineNo[0], line));
                    }
                    file.flush();
                    played.play(actions, csv);
                }
            });
            say(lines.size() + " demo actions played -> " + actionsFile);
        }
    }

    /** The working-day calendar of the years of the period subsidy-batch has loaded. */
    private static DemoActions.Calendar loadedCalendar(SubsidyApi subsidy, LocalDate from, LocalDate through)
            throws IOException, InterruptedException {
        Set<Integer> years = new java.util.TreeSet<>();
        Set<LocalDate> holidays = new java.util.HashSet<>();
        Set<LocalDate> workdays = new java.util.HashSet<>();
        for (int year = from.getYear(); year <= through.getYear() + 1; year++) {
            SubsidyApi.Answer answer = subsidy.call("GET", "/api/v1/calendar/" + year, null, null);
            if (answer.status() == 404) {
                continue;
            }
            if (!answer.ok()) {
                throw new IllegalStateException("the calendar of " + year + " cannot be read: HTTP " + answer.status() + " " + answer.reason());
            }
            years.add(year);
            answer.json().path("holidays").values().forEach(d -> holidays.add(LocalDate.parse(d.stringValue())));
            answer.json().path("workdays").values().forEach(d -> workdays.add(LocalDate.parse(d.stringValue())));
        }
        return new DemoActions.Calendar(years, holidays, workdays);
    }

    /** The nights the plan has still to run up to {@code day}, with their progress. */
    private void runNights(SubsidyApi subsidy, NightPlan plan, LocalDate day) throws IOException, InterruptedException {
        List<LocalDate> nights = plan.through(day);
        int done = 0;
        for (LocalDate night : nights) {
            subsidy.runNight(night);
            status.update("nights done " + (++done) + "/" + nights.size() + " (through " + night + ")");
        }
        if (!nights.isEmpty()) {
            status.end();
        }
    }

    static String rejectionsCsv(List<Line> lines) {
        StringBuilder csv = new StringBuilder("event_id,source,reason\n");
        for (Line line : lines) {
            IntakeOutcome o = line.outcome;
            if (o != null && o.status() == IntakeOutcome.Status.REJECTED) {
                // an event's id and source are the bank's own text: a comma or a quote in them is quoted
                csv.append(Csv.line(o.eventId(), o.source(),
                        o.violations().stream().map(v -> v.code() + "(" + v.field() + ")").collect(Collectors.joining(";"))));
            }
        }
        return csv.toString();
    }

    static String deliveriesCsv(List<NotifierApi.Delivery> deliveries) {
        StringBuilder csv = new StringBuilder("recipient,channel,event_id,status,attempts\n");
        for (NotifierApi.Delivery d : deliveries) {
            csv.append(Csv.line(d.recipient(), d.channel(), d.eventId(), d.status(), d.attempts()));
        }
        return csv.toString();
    }

    private void printSummary(List<Line> lines, String claimsCsv, List<NotifierApi.Delivery> deliveries, ActionsReplay played, Path out) {
        long accepted = lines.stream().filter(l -> l.outcome != null && l.outcome.status() == IntakeOutcome.Status.ACCEPTED).count();
        Map<String, Long> rejectedBy = new TreeMap<>();
        lines.stream().filter(l -> l.outcome != null && l.outcome.status() == IntakeOutcome.Status.REJECTED)
                .flatMap(l -> l.outcome.violations().stream().map(Violation::code).distinct())
                .forEach(code -> rejectedBy.merge(code.name(), 1L, Long::sum));
        long rejected = lines.stream().filter(l -> l.outcome != null && l.outcome.status() == IntakeOutcome.Status.REJECTED).count();
        System.out.println();
        System.out.println("Events: " + lines.size() + " lines, " + accepted + " accepted, " + rejected + " rejected, "
                + lines.stream().filter(l -> l.duplicate).count() + " duplicates ignored, "
                + lines.stream().filter(l -> l.parked && l.outcome == null).count() + " parked (waiting for a parent)");
        rejectedBy.forEach((code, n) -> System.out.printf("  rejected %-24s %d%n", code, n));
        Map<String, long[]> byProgramStatus = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        List<List<String>> claims = Csv.read(claimsCsv);
        int program = claims.get(0).indexOf("program");
        int state = claims.get(0).indexOf("status");
        int amount = claims.get(0).indexOf("amount");
        claims.subList(1, claims.size()).forEach(c -> {
            byProgramStatus.computeIfAbsent(c.get(program) + " " + c.get(state), k -> new long[1])[0]++;
            amounts.merge(c.get(program) + " " + c.get(state), new BigDecimal(c.get(amount)), BigDecimal::add);
        });
        System.out.println("Claims:");
        byProgramStatus.forEach((key, n) -> System.out.printf("  %-36s %6d   %,18.2f CNY%n", key, n[0], amounts.get(key)));
        Map<String, Long> byChannelStatus = deliveries.stream()
                .collect(Collectors.groupingBy(d -> d.channel() + " " + d.status(), TreeMap::new, Collectors.counting()));
        System.out.println("Deliveries:");
        byChannelStatus.forEach((key, n) -> System.out.printf("  %-36s %6d%n", key, n));
        if (played != null) {
            System.out.println("Actions: " + played.rowsByStatus().values().stream().mapToLong(Long::longValue).sum() + " lines by HTTP status "
                    + played.rowsByStatus() + ", " + played.settlementsPrepared() + " settlements prepared");
            try {
                printActionsAndSettlements(Files.readString(out.resolve("actions.csv"), StandardCharsets.UTF_8),
                        Files.readString(out.resolve("settlements.csv"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                System.out.println("  (actions.csv or settlements.csv cannot be read back: " + e.getMessage() + ")");
            }
        }
        System.out.println("Written: " + out.resolve("claims.csv") + ", " + out.resolve("rejections.csv") + ", "
                + out.resolve("deliveries.csv") + (played == null ? "" : ", " + out.resolve("actions.csv") + ", " + out.resolve("settlements.csv")));
    }

    /** The actions by what they did and their answer; the settlements by programme and state, with their claims and totals. */
    static void printActionsAndSettlements(String actionsCsv, String settlementsCsv) {
        Map<String, Long> byDoStatus = new TreeMap<>();
        List<List<String>> actions = Csv.read(actionsCsv);
        actions.subList(1, actions.size())
                .forEach(a -> byDoStatus.merge((a.get(1).isEmpty() ? "(no do)" : a.get(1)) + " " + a.get(2), 1L, Long::sum));
        byDoStatus.forEach((key, n) -> System.out.printf("  %-36s %6d%n", key, n));
        Map<String, long[]> byProgramState = new TreeMap<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<List<String>> settlements = Csv.read(settlementsCsv);
        settlements.subList(1, settlements.size()).forEach(st -> {
            String key = st.get(1) + " " + st.get(2);
            long[] n = byProgramState.computeIfAbsent(key, k -> new long[2]);
            n[0]++;
            n[1] += Long.parseLong(st.get(3));
            totals.merge(key, new BigDecimal(st.get(4)), BigDecimal::add);
        });
        System.out.println("Settlements:");
        byProgramState.forEach((key, n) -> System.out.printf("  %-36s %6d   %6d claims %,18.2f CNY%n", key, n[0], n[1], totals.get(key)));
    }

    /** The console's address as people's browsers reach it. */
    static String consoleUrl() {
        return "http://127.0.0.1:" + SUBSIDY_PORT;
    }

    private void printUrls() {
        System.out.println();
        System.out.println("web console      " + consoleUrl() + "/console   (sign in at " + identity.issuerUri() + "/login, where the demo users are listed)");
        for (DemoUser user : identity.users()) {
            System.out.printf("                 %-20s password %-10s %s (%s)%n", user.username(), user.password(), user.displayName(),
                    String.join(", ", user.roles()));
        }
        System.out.println("intake-service   http://127.0.0.1:" + INTAKE_PORT + "/swagger-ui.html   (events API)   actuator http://127.0.0.1:"
                + INTAKE_MANAGEMENT_PORT + "/actuator/prometheus");
        System.out.println("subsidy-batch    http://127.0.0.1:" + SUBSIDY_PORT + "/swagger-ui.html   (runs, banks' and firms' claims, export)"
                + "   actuator http://127.0.0.1:" + SUBSIDY_MANAGEMENT_PORT + "/actuator/prometheus");
        if (!layout.equals(Layout.SINGLE)) {
            System.out.println("layout           " + layout.describe() + "; management ports: see deploy/local/run.sh");
        }
        System.out.println("notifier         http://127.0.0.1:" + NOTIFIER_PORT + "/swagger-ui.html   (deliveries, webhooks, firms' contacts)"
                + "   actuator http://127.0.0.1:" + NOTIFIER_MANAGEMENT_PORT + "/actuator/prometheus");
        System.out.println("Kafka            " + KAFKA + "   (SASL/SCRAM-SHA-512: client files in " + root.relativize(access.clientFile(KafkaAccess.CREDIT_PLATFORM).getParent())
                + "; onboard a bank: deploy/local/bank.sh add CODE)");
        System.out.println("MariaDB          127.0.0.1:" + DB_PORT + "   (user root, no password; the services log in as intake, subsidy,"
                + " subsidy_ledger, notifier)");
        System.out.println();
        System.out.println("The APIs want a bearer token (deploy/local/token.sh makes more; each below is valid 12 hours):");
        exampleCalls().forEach(System.out::println);
    }

    /** A ready curl line for each role: what it may see. */
    List<String> exampleCalls() {
        String bank = exampleBank != null ? exampleBank : "ICBC-SH";
        List<String> calls = new ArrayList<>();
        calls.add(curl("OFFICER", tokens.token("OFFICER"), SUBSIDY_PORT, "/api/v1/claims/export?through=" + LocalDate.now()));
        calls.add(curl("AUDITOR", tokens.token("AUDITOR"), NOTIFIER_PORT, "/api/v1/deliveries?status=PARKED"));
        calls.add(curl("BANK " + bank, tokens.bankToken(bank), SUBSIDY_PORT, "/api/v1/banks/" + bank + "/claims"));
        if (exampleFirm != null) {
            calls.add(curl("FIRM " + exampleFirm, tokens.firmToken(exampleFirm), SUBSIDY_PORT, "/api/v1/firms/" + exampleFirm + "/claims"));
        }
        calls.add(curl("APPROVER (nothing yet: 403)", tokens.token("APPROVER"), SUBSIDY_PORT, "/api/v1/claims/export?through=" + LocalDate.now()));
        return calls;
    }

    private static String curl(String who, String token, int port, String path) {
        return "  # " + who + "\n  curl -s -H 'Authorization: Bearer " + token + "' 'http://127.0.0.1:" + port + path + "'";
    }

    /** The bank and firm of the first claim, else the first bank: the examples then show real data. */
    private void rememberExamples(String claimsCsv, Set<String> banks) {
        List<List<String>> claims = Csv.read(claimsCsv);
        if (claims.size() > 1) {
            exampleBank = claims.get(1).get(claims.get(0).indexOf("bank_code"));
            exampleFirm = claims.get(1).get(claims.get(0).indexOf("uscc"));
        } else {
            exampleBank = banks.stream().findFirst().orElse(null);
        }
        rememberDemoFirms(claims);
    }

    /** A few of the run's firms sign in to the console: those with a claim to confirm (PUBLISHED) first, then any with claims. */
    private void rememberDemoFirms(List<List<String>> claims) {
        if (claims.size() < 2) {
            return;
        }
        int uscc = claims.get(0).indexOf("uscc");
        int status = claims.get(0).indexOf("status");
        Set<String> firms = new LinkedHashSet<>();
        claims.subList(1, claims.size()).stream().filter(c -> c.get(status).equals("PUBLISHED")).forEach(c -> firms.add(c.get(uscc)));
        claims.subList(1, claims.size()).forEach(c -> firms.add(c.get(uscc)));
        firms.stream().limit(DEMO_FIRMS).forEach(firm -> identity.add(LocalDemoUsers.firm(firm, "演示企业 " + firm)));
    }

    private String officerToken() {
        return tokens.token("OFFICER");
    }

    /** Stops what this run started, services before the infrastructure they use. */
    void stopAll() {
        launcher.close();
        if (identity != null) {
            identity.close();
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // the next run finds the processes gone
        }
    }

    /**
     * Writes the process ids this run started (and their children: MariaDB's server runs under the
     * infrastructure process), so that a next run can stop what a killed run (kill -9) left behind.
     */
    private void recordProcesses() throws IOException {
        List<String> pids = new ArrayList<>();
        for (ServiceProcess process : launcher.started()) {
            ProcessHandle.of(process.pid()).ifPresent(handle -> {
                pids.add(String.valueOf(handle.pid()));
                handle.descendants().forEach(child -> pids.add(String.valueOf(child.pid())));
            });
        }
        Files.write(pidFile(), pids);
    }

    /** Stops the processes a previous run recorded and did not stop (its launcher was killed). */
    private void stopLeftovers() throws IOException {
        if (!Files.exists(pidFile())) {
            return;
        }
        for (String line : Files.readAllLines(pidFile())) {
            ProcessHandle.of(Long.parseLong(line.trim())).filter(ProcessHandle::isAlive).filter(this::ours).ifPresent(handle -> {
                say("stopping process " + handle.pid() + " left by an earlier run");
                handle.destroy();
                handle.onExit().completeOnTimeout(handle, 30, TimeUnit.SECONDS).join();
                handle.destroyForcibly();
            });
        }
        Files.delete(pidFile());
    }

    /** A recorded id may have been reused since: only a process of this project's is stopped. */
    private boolean ours(ProcessHandle handle) {
        return handle.info().commandLine()
                .map(command -> command.contains("cn.shanghai.techfinance") || command.contains(root.toString()))
                .orElse(false);
    }

    private Path pidFile() {
        return dataDir.resolve("run.pids");
    }

    private static void say(String message) {
        System.out.println("[local-run] " + message);
    }

    /** The demo's actions: the generated period's first day (the start of its publications' and settlements' periods), and where they are written. */
    record DemoRehearsal(LocalDate from, Path actionsFile) {
    }

    /**
     * How many processes of the scalable services the run starts: subsidy-batch's nightly workers
     * (0: one standalone subsidy-batch; else a manager and that many workers) and intake-service
     * instances (one consumer group). At most {@link Topics#PARTITIONS} each: a group shares a
     * topic's partitions, so more would idle. Each process has its ports: the {@code n}-th intake
     * instance :18081 for the first, :1809{@code n} for the others (management :19181, :1919{@code n};
     * logs intake-service.log, intake-service-{@code n}.log), worker {@code n} :1810{@code n}
     * (management :1920{@code n}; log subsidy-batch-worker-{@code n}.log). Methods take the 0-based
     * instance and the 1-based worker.
     */
    record Layout(int workers, int intakes) {

        static final Layout SINGLE = new Layout(0, 1);

        Layout {
            if (workers < 0 || workers > Topics.PARTITIONS) {
                throw new IllegalArgumentException("--workers takes 0 to " + Topics.PARTITIONS + ", not " + workers);
            }
            if (intakes < 1 || intakes > Topics.PARTITIONS) {
                throw new IllegalArgumentException("--intake takes 1 to " + Topics.PARTITIONS + ", not " + intakes);
            }
        }

        static int intakePort(int instance) {
            return PORTS.intake(instance);
        }

        static int workerPort(int worker) {
            return PORTS.worker(worker);
        }

        /** Every port of intake and subsidy-batch in this layout, main and management. */
        List<Integer> servicePorts() {
            return PORTS.servicePorts(intakes, workers);
        }

        String describe() {
            List<String> intakePorts = new ArrayList<>();
            for (int instance = 0; instance < intakes; instance++) {
                intakePorts.add(":" + intakePort(instance));
            }
            String intake = (intakes == 1 ? "intake-service (" : intakes + " intake-service instances (") + String.join(", ", intakePorts) + ")";
            if (workers == 0) {
                return intake + ", subsidy-batch (:" + SUBSIDY_PORT + ")";
            }
            return intake + ", subsidy-batch as nightly manager (:" + SUBSIDY_PORT + ") and " + workers + " worker" + (workers == 1 ? "" : "s")
                    + " (:" + workerPort(1) + (workers == 1 ? "" : "–:" + workerPort(workers)) + ")";
        }
    }

    /** The command line; {@code actions} read and checked, null without {@code --actions}; {@code whatIf} null without {@code --what-if}. */
    record Options(Path events, List<Action> actions, LocalDate through, Path out, boolean keep, Layout layout, WhatIfRun whatIf) {

        static Options parse(String[] args) {
            Path events = null;
            Path actionsFile = null;
            LocalDate through = null;
            Path out = null;
            boolean keep = false;
            Path whatIfFile = null;
            LocalDate whatIfFrom = null;
            LocalDate whatIfTo = null;
            int workers = Layout.SINGLE.workers();
            int intakes = Layout.SINGLE.intakes();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> events = Path.of(value(args, ++i, "--events"));
                    case "--actions" -> actionsFile = Path.of(value(args, ++i, "--actions"));
                    case "--through" -> through = LocalDate.parse(value(args, ++i, "--through"));
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--keep" -> keep = true;
                    case "--what-if" -> whatIfFile = Path.of(value(args, ++i, "--what-if"));
                    case "--from" -> whatIfFrom = LocalDate.parse(value(args, ++i, "--from"));
                    case "--to" -> whatIfTo = LocalDate.parse(value(args, ++i, "--to"));
                    case "--workers" -> workers = count(value(args, ++i, "--workers"), "--workers");
                    case "--intake" -> intakes = count(value(args, ++i, "--intake"), "--intake");
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (events != null && (through == null || out == null)) {
                throw new IllegalArgumentException("--events needs --through and --out");
            }
            if (events != null && !Files.isRegularFile(events)) {
                throw new IllegalArgumentException("no events file " + events);
            }
            if (actionsFile != null && events == null) {
                throw new IllegalArgumentException("--actions needs --events, --through and --out");
            }
            if (actionsFile != null && !Files.isRegularFile(actionsFile)) {
                throw new IllegalArgumentException("no actions file " + actionsFile);
            }
            if ((whatIfFile != null || whatIfFrom != null || whatIfTo != null) && (events == null || whatIfFile == null)) {
                throw new IllegalArgumentException("--what-if needs --events, --through and --out, and --from and --to go with --what-if");
            }
            // before anything starts: a date going back or past --through stops the run here, naming its line
            List<Action> actions = actionsFile == null ? null : ActionsFile.read(actionsFile, through);
            WhatIfRun whatIf = whatIfFile == null ? null : WhatIfRun.read(whatIfFile, whatIfFrom, whatIfTo);
            return new Options(events, actions, through, out, keep, new Layout(workers, intakes), whatIf);
        }

        private static int count(String value, String option) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not " + value);
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
