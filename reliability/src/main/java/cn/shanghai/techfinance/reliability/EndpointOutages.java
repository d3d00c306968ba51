package cn.shanghai.techfinance.reliability;

import static cn.shanghai.techfinance.reliability.ReliabilityRun.MAIL_OUTAGE;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.WEBHOOK_OUTAGE;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.attempt;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.inOrder;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.night;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.progress;

import cn.shanghai.techfinance.benchmarks.Traffic;
import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scenarios of an endpoint outside the system down for minutes — a bank's webhook, the firms'
 * SMTP server — each on a system of its own over the traffic's first {@value #EVENTS} events.
 */
final class EndpointOutages {

    /**
     * The scenarios' events (or --events, if fewer): a bank gets a tenth of their results, and
     * the notifier calls one endpoint at most 20 times a second (docs/bank-integration.md section 9).
     */
    static final int EVENTS = 3000;
    /** Results (notices) the endpoint takes before it goes down: more than its circuit breaker's window (20 calls). */
    private static final int HISTORY = 30;
    /** How long a scenario waits for every result (notice) to reach the endpoint once it is up, and for the webhook's first results. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    /** Starts a system of the run's own, with subsidy-batch or without. */
    interface Systems {
        ReliabilitySystem start(boolean withSubsidyBatch) throws Exception;
    }

    private final ReliabilityRun.Options options;
    private final Systems systems;

    EndpointOutages(ReliabilityRun.Options options, Systems systems) {
        this.options = options;
        this.systems = systems;
    }

    /**
     * A bank's webhook that goes down (nothing listening) in the middle of its deliveries, once it
     * has accepted its first {@value #HISTORY} results, for {@code --endpoint-down-seconds}, on a
     * system of its own over the first {@value #EVENTS} events, then up again: each of the bank's
     * results must reach it exactly once, signed, none parked, and its topic's results must not
     * wait for it. The successes before the outage fill the breaker's window, as on a working day:
     * the breaker stays closed through the first failures, which must spend no retry budget either.
     */
    void webhookOutage(Report report) throws Exception {
        Traffic traffic = Traffic.generate(Math.min(options.events(), EVENTS));
        String bank = traffic.profile.bankCodes().get(0);
        String title = String.format("%s's webhook down %d s in the middle of its deliveries", bank, options.endpointDownSeconds());
        progress(WEBHOOK_OUTAGE + ": starting a system; " + traffic.describe());
        try (ReliabilitySystem system = systems.start(false)) {
            attempt(report, WEBHOOK_OUTAGE, title, () -> webhookDown(system, traffic, bank, title));
        }
    }

    /** The notifier started and the webhook registered and up before the banks stream: results taken in after the registration go to it. */
    private ScenarioResult webhookDown(ReliabilitySystem system, Traffic traffic, String bank, String title) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = HexFormat.of().formatHex(key);
        List<String> notes = new ArrayList<>();
        Deliveries deliveries = new Deliveries(system);
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            receiver.up();
            system.startNotifier();
            new ApiCall(system.http(), system.notifierBase(), system.bankToken(bank)).put("/api/v1/banks/" + bank + "/webhook",
                    "{\"url\":\"" + receiver.url() + "\",\"keyId\":\"reliability\",\"secret\":\"" + secret + "\"}");
            long began = System.nanoTime();
            Set<String> owed = new TreeSet<>();
            long down;
            try (Intake intake = new Intake(system, traffic, inOrder(traffic))) {
                long patience = System.nanoTime() + LIMIT.toNanos();
                while (receiver.accepted().size() < HISTORY && System.nanoTime() < patience) {
                    Thread.sleep(50);
                }
                receiver.down();
                down = System.nanoTime();
                notes.add(String.format("the endpoint went down %.0f s after the banks began, having accepted %d results",
                        (down - began) / 1e9, receiver.accepted().size()));
                intake.awaitDrained();
                intake.outcomes().decisions().keySet().stream().filter(k -> k.startsWith("bank/" + bank + "|"))
                        .forEach(k -> owed.add("event/" + k.substring(k.indexOf('|') + 1)));
            }
            progress(WEBHOOK_OUTAGE + ": " + owed.size() + " results owed to " + bank + "; its endpoint down for " + options.endpointDownSeconds() + " s");
            Thread.sleep(Math.max(0, Duration.ofSeconds(options.endpointDownSeconds()).toMillis() - (System.nanoTime() - down) / 1_000_000));
            Map<String, Long> whileDown = deliveries.byStatus(bank);
            String circuits = ApiCall.metric(system.http(), system.notifierMetrics() + "notifier.circuits.open?tag=channel:WEBHOOK");
            notes.add(String.format("after %.0f s down: %s's deliveries by channel and status %s; notifier_circuits_open{channel=WEBHOOK} %s",
                    (System.nanoTime() - down) / 1e9, bank, whileDown, circuits));
            receiver.up();
            long upNanos = System.nanoTime();
            long deadline = upNanos + LIMIT.toNanos();
            // until every result is in, or none is left to come (one parked never comes)
            while (!receiver.accepted().keySet().containsAll(owed) && deliveries.byStatus(bank).getOrDefault("WEBHOOK PENDING", 0L) > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            double allIn = (System.nanoTime() - upNanos) / 1e9;
            Thread.sleep(5000); // a repeat, were one to come, comes now
            Map<String, Integer> accepted = receiver.accepted();
            Map<String, Long> after = deliveries.byStatus(bank);
            long lost = owed.stream().filter(k -> !accepted.containsKey(k)).count();
            long repeats = accepted.values().stream().mapToLong(n -> n - 1).sum();
            long unowed = accepted.keySet().stream().filter(k -> !owed.contains(k)).count();
            notes.add(String.format("endpoint up: all %,d results in %.0f s after; %,d accepted more than once; %d requests badly signed", owed.size(),
                    allIn, repeats, receiver.badSignatures()));
            notes.add(bank + "'s deliveries by channel and status at the end: " + after);
            ScenarioResult result = new ScenarioResult(WEBHOOK_OUTAGE, title, owed.size(), owed.size(), owed.size() - lost, 0, 0, repeats, lost,
                    repeats, unowed, -1, allIn, (System.nanoTime() - began) / 1e9, notes, null, null);
            if (whileDown.getOrDefault("WEBHOOK PARKED", 0L) + after.getOrDefault("WEBHOOK PARKED", 0L) > 0) {
                result = result.unmet("deliveries were parked");
            } else if (whileDown.getOrDefault("KAFKA DELIVERED", 0L) < owed.size()) {
                result = result.unmet("the bank's topic waited for its webhook");
            } else if (receiver.badSignatures() > 0) {
                result = result.unmet("requests were badly signed");
            }
            progress(WEBHOOK_OUTAGE + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
            return result;
        }
    }

    /**
     * The firms' SMTP server that goes down (nothing listening) once it has received the night's
     * first {@value #HISTORY} notices, for {@code --endpoint-down-seconds}, on a system of its own over
     * the first {@value #EVENTS} events, every firm with an address registered: the rest of the
     * night's claim notices must wait, none parked, and once the server is up again each reaches its
     * firm exactly once (by its Message-ID, which the notifier derives from the delivery's idempotency key).
     */
    void mailOutage(Report report) throws Exception {
        Traffic traffic = Traffic.generate(Math.min(options.events(), EVENTS));
        String title = String.format("the firms' SMTP server down %d s in the middle of a night's notices", options.endpointDownSeconds());
        progress(MAIL_OUTAGE + ": starting a system; " + traffic.describe());
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        try (ReliabilitySystem system = systems.start(true)) {
            system.startNotifier("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort);
            attempt(report, MAIL_OUTAGE, title, () -> mailDown(system, traffic, smtpPort, title));
        }
    }

    private ScenarioResult mailDown(ReliabilitySystem system, Traffic traffic, int smtpPort, String title) throws Exception {
        Set<String> firms = new TreeSet<>(traffic.keys);
        for (String uscc : firms) {
            new ApiCall(system.http(), system.notifierBase(), system.firmToken(uscc)).put("/api/v1/firms/" + uscc + "/contact",
                    "{\"email\":\"treasury-" + uscc.toLowerCase(Locale.ROOT) + "@firms.test\"}");
        }
        try (Intake intake = new Intake(system, traffic, inOrder(traffic))) {
            intake.awaitDrained();
        }
        List<String> notes = new ArrayList<>();
        Deliveries deliveries = new Deliveries(system);
        ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        List<MimeMessage> received = new ArrayList<>();
        GreenMail before = new GreenMail(setup);
        before.start();
        long began = System.nanoTime();
        try {
            night(system, traffic.lastBusinessDate);
            long patience = System.nanoTime() + LIMIT.toNanos();
            while (before.getReceivedMessages().length < HISTORY && System.nanoTime() < patience) {
                Thread.sleep(50);
            }
        } finally {
            // stop() gives the server a fresh store: its mails are read from the one it had, once its connections are closed
            Managers store = before.getManagers();
            before.stop();
            store.getImapHostManager().getAllMessages().forEach(m -> received.add(m.getMimeMessage()));
        }
        long down = System.nanoTime();
        long deliveredAtDown = deliveries.byStatusOf("EMAIL").getOrDefault("DELIVERED", 0L);
        notes.add(String.format("the server went down %.0f s after the night began, having received %d notices", (down - began) / 1e9,
                received.size()));
        progress(MAIL_OUTAGE + ": " + firms.size() + " firms' addresses registered; the SMTP server down for " + options.endpointDownSeconds() + " s");
        Thread.sleep(Math.max(0, Duration.ofSeconds(options.endpointDownSeconds()).toMillis() - (System.nanoTime() - down) / 1_000_000));
        Map<String, Long> whileDown = deliveries.byStatusOf("EMAIL");
        String circuits = ApiCall.metric(system.http(), system.notifierMetrics() + "notifier.circuits.open?tag=channel:EMAIL");
        notes.add(String.format("after %.0f s down: e-mail deliveries by status %s; notifier_circuits_open{channel=EMAIL} %s",
                (System.nanoTime() - down) / 1e9, whileDown, circuits));
        GreenMail smtp = new GreenMail(setup);
        smtp.start();
        try {
            long upNanos = System.nanoTime();
            long deadline = upNanos + LIMIT.toNanos();
            Map<String, Long> now = deliveries.byStatusOf("EMAIL");
            while (now.getOrDefault("PENDING", 0L) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                now = deliveries.byStatusOf("EMAIL");
            }
            double allIn = (System.nanoTime() - upNanos) / 1e9;
            Thread.sleep(5000); // a repeat, were one to come, comes now
            Map<String, Long> after = deliveries.byStatusOf("EMAIL");
            received.addAll(List.of(smtp.getReceivedMessages()));
            Map<String, Integer> byId = new HashMap<>();
            for (MimeMessage message : received) {
                byId.merge(message.getMessageID(), 1, Integer::sum);
            }
            long rows = after.values().stream().mapToLong(Long::longValue).sum();
            long delivered = after.getOrDefault("DELIVERED", 0L);
            long repeats = received.size() - byId.size();
            long lost = rows - delivered + Math.max(0, delivered - byId.size());
            notes.add(String.format("server up: every notice settled in %.0f s after; %,d messages received, %,d distinct Message-IDs", allIn,
                    received.size(), byId.size()));
            notes.add("e-mail deliveries by status at the end: " + after);
            ScenarioResult result = new ScenarioResult(MAIL_OUTAGE, title, rows, rows, byId.size(), 0, 0, repeats, lost, repeats,
                    Math.max(0, byId.size() - delivered), -1, allIn, (System.nanoTime() - began) / 1e9, notes, null, null);
            if (rows == 0) {
                result = result.unmet("the night gave no notice to send");
            } else if (whileDown.getOrDefault("PARKED", 0L) + after.getOrDefault("PARKED", 0L) > 0) {
                result = result.unmet("notices were parked");
            } else if (whileDown.getOrDefault("DELIVERED", 0L) > deliveredAtDown) {
                result = result.unmet("notices were delivered while nothing listened");
            }
            progress(MAIL_OUTAGE + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
            return result;
        } finally {
            smtp.stop();
        }
    }
}
