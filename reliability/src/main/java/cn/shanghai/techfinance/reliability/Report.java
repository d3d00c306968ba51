package cn.shanghai.techfinance.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The run's figures: {@code reliability/target/results.json} ({@link #resultsFile}) and, in {@code RELIABILITY.md}, each
 * scenario's table between its section's marker lines (the rest of the file is written by hand).
 */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The section each scenario's table goes into, by its marker's name. */
    private static final Map<String, String> SECTIONS = Map.ofEntries(Map.entry(ReliabilityRun.BACKPRESSURE, "backpressure"),
            Map.entry(ReliabilityRun.INTAKE_CRASH, "crashes"), Map.entry(ReliabilityRun.NOTIFIER_CRASH, "crashes"),
            Map.entry(ReliabilityRun.NIGHT_CRASH, "crashes"), Map.entry(ReliabilityRun.SETTLEMENT_CRASH, "crashes"),
            Map.entry(ReliabilityRun.WORKER_CRASH, "crashes"), Map.entry(ReliabilityRun.DATABASE_OUTAGE, "outages"),
            Map.entry(ReliabilityRun.DATABASE_OUTAGE_NIGHT, "outages"), Map.entry(ReliabilityRun.BROKER_RESTART, "outages"),
            Map.entry(ReliabilityRun.BROKER_RESTART_NOTIFIER, "outages"), Map.entry(ReliabilityRun.WEBHOOK_OUTAGE, "endpoints"),
            Map.entry(ReliabilityRun.MAIL_OUTAGE, "endpoints"), Map.entry(ReliabilityRun.ORDER, "order"));

    private final Path root;
    private final Instant began;
    private final ReliabilityRun.Options options;
    private final String loadAtStart;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<ScenarioResult> results = new ArrayList<>();

    Report(Path root, Instant began, ReliabilityRun.Options options) {
        this.root = root;
        this.began = began;
        this.options = options;
        this.loadAtStart = loadAverage();
    }

    void setting(String name, String value) {
        settings.put(name, value);
    }

    /** Adds a scenario's result and writes the files at once: a later scenario's failure loses nothing measured. */
    void add(ScenarioResult result) throws IOException {
        results.add(result);
        write();
    }

    boolean allPassed() {
        return results.stream().allMatch(ScenarioResult::passed);
    }

    private void write() throws IOException {
        String loadAtEnd = loadAverage();
        Path json = resultsFile(root);
        Files.createDirectories(json.getParent());
        Files.writeString(json, json(loadAtEnd));
        Path markdown = root.resolve("RELIABILITY.md");
        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        Map<String, List<ScenarioResult>> bySection = new LinkedHashMap<>();
        results.forEach(r -> bySection.computeIfAbsent(SECTIONS.get(r.key()), s -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<ScenarioResult>> section : bySection.entrySet()) {
            text = between(text, section.getKey(), table(section.getValue(), loadAtEnd));
        }
        Files.writeString(markdown, text, StandardCharsets.UTF_8);
    }

    /** {@code reliability/target/results.json}, or {@code results-<offset>.json} for a run on moved ports. */
    static Path resultsFile(Path root) {
        int offset = ReliabilitySystem.PORT_OFFSET;
        return root.resolve("reliability/target").resolve(offset == 0 ? "results.json" : "results-" + offset + ".json");
    }

    private String json(String loadAtEnd) {
        ObjectNode rootNode = JSON.createObjectNode();
        rootNode.put("date", began.truncatedTo(ChronoUnit.SECONDS).toString());
        rootNode.put("machine", machine());
        rootNode.put("load_average_start", loadAtStart);
        rootNode.put("load_average_end", loadAtEnd);
        ObjectNode settingsNode = rootNode.putObject("settings");
        settingsNode.put("events", options.events());
        settingsNode.put("crashes", options.crashes());
        settingsNode.put("seed", options.seed());
        settingsNode.put("duplicate_percent", options.duplicatePercent());
        settingsNode.put("outage_seconds", options.outageSeconds());
        settingsNode.put("endpoint_down_seconds", options.endpointDownSeconds());
        settings.forEach(settingsNode::put);
        ObjectNode scenarios = rootNode.putObject("scenarios");
        for (ScenarioResult r : results) {
            ObjectNode node = scenarios.putObject(r.key());
            node.put("title", r.title());
            node.put("passed", r.passed());
            if (r.abortedBy() != null) {
                node.put("aborted_by", r.abortedBy());
            }
            if (r.unmet() != null) {
                node.put("unmet", r.unmet());
            }
            node.put("events_in", r.eventsIn());
            node.put("distinct_events", r.distinctEvents());
            node.put("stored", r.stored());
            node.put("rejected", r.rejected());
            node.put("duplicates_sent", r.duplicatesSent());
            node.put("outcomes_repeated", r.outcomesRepeated());
            node.put("lost", r.lost());
            node.put("stored_twice", r.storedTwice());
            node.put("outcomes_differing", r.decisionsDiffering());
            node.put("claims_differing", r.claimsDiffering());
            node.put("recover_seconds", Math.round(r.recoverSeconds() * 10) / 10.0);
            node.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            var notes = node.putArray("notes");
            r.notes().forEach(notes::add);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rootNode) + "\n";
    }

    private String table(List<ScenarioResult> section, String loadAtEnd) {
        StringBuilder md = new StringBuilder();
        md.append("_Written by `reliability/run.sh`; do not edit between the marker lines._\n\n");
        md.append("- **Machine:** ").append(machine()).append('\n');
        md.append("- **Date:** ").append(began.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)).append('\n');
        md.append("- **Load average** (1, 5, 15 min; other work shared the cores): ").append(loadAtStart).append(" at the start, ")
                .append(loadAtEnd).append(" at the end\n");
        md.append("- **Settings:** --events ").append(options.events()).append(" --crashes ").append(options.crashes()).append(" --seed ")
                .append(options.seed()).append(" --duplicates ").append(options.duplicatePercent()).append(" --outage-seconds ")
                .append(options.outageSeconds()).append(" --endpoint-down-seconds ").append(options.endpointDownSeconds()).append('\n');
        settings.forEach((name, value) -> md.append("- **").append(name).append(":** ").append(value).append('\n'));
        md.append('\n');
        md.append("| scenario | in | stored | rejected | duplicates sent | outcomes repeated | lost | stored twice | outcomes differing"
                + " | claims differing | time to recover | result |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : section) {
            if (r.abortedBy() != null) {
                md.append("| ").append(r.title()).append(" |").append(" – |".repeat(10)).append(" **ABORTED** |\n");
                continue;
            }
            md.append("| ").append(r.title()).append(" | ").append(String.format("%,d", r.eventsIn())).append(" | ")
                    .append(String.format("%,d", r.stored())).append(" | ").append(String.format("%,d", r.rejected())).append(" | ")
                    .append(String.format("%,d", r.duplicatesSent())).append(" | ").append(String.format("%,d", r.outcomesRepeated())).append(" | ")
                    .append(r.lost()).append(" | ").append(r.storedTwice()).append(" | ").append(r.decisionsDiffering()).append(" | ")
                    .append(r.claimsDiffering() < 0 ? "(no night)" : String.valueOf(r.claimsDiffering())).append(" | ")
                    .append(r.recoverSeconds() > 0 ? String.format("%.0f s", r.recoverSeconds()) : "–").append(" | ")
                    .append(r.passed() ? "passed" : r.unmet() != null ? "**FAILED**: " + r.unmet() : "**FAILED**").append(" |\n");
        }
        for (ScenarioResult r : section) {
            md.append("\n").append(r.title()).append(String.format(" (%.0f s):\n\n", r.seconds()));
            r.notes().forEach(note -> md.append("- ").append(note.replace("|", "\\|")).append('\n'));
        }
        return md.toString();
    }

    /** {@code markdown} with the text between {@code <!-- reliability:NAME:begin -->} and its end line replaced. */
    static String between(String markdown, String name, String content) {
        String begin = "<!-- reliability:" + name + ":begin -->";
        String end = "<!-- reliability:" + name + ":end -->";
        int from = markdown.indexOf(begin);
        int to = markdown.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("RELIABILITY.md has no " + begin + " … " + end + " lines to write the table between");
        }
        return markdown.substring(0, from + begin.length()) + "\n" + content + markdown.substring(to);
    }

    private static String machine() {
        long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format("%d cores, %.1f GiB memory; JDK %s %s; %s %s", Runtime.getRuntime().availableProcessors(),
                bytes / (1024.0 * 1024 * 1024), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.name"), System.getProperty("os.version"));
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
