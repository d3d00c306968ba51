package cn.shanghai.techfinance.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run's figures: {@code results.json} (one key per figure, numbers; {@code sizes} every size
 * used) and the table of {@code BENCHMARKS.md}, written between its marker lines so that the
 * findings written by hand around it stay.
 */
final class Results {

    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A figure of the table: against which ceiling its ratio is taken, the spec's target, and the rows/s beside it. */
    private record Figure(String key, String label, String unit, String ceiling, String target, String rowsPerSecond) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("insert_ceiling_rows_per_s", "JDBC batched insert, 8-column InnoDB row, batch 1000", "rows/s", null, "", null),
            new Figure("kafka_produce_ceiling_msgs_per_s", "Kafka produce, ~90-byte JSON, 4 partitions", "msg/s", null, "", null),
            new Figure("kafka_consume_ceiling_msgs_per_s", "Kafka consume, same messages", "msg/s", null, "", null),
            new Figure("intake_events_per_s", "intake, first produce → last outcome (whole run)", "events/s", "insert_ceiling_rows_per_s", "≥ 0.3",
                    "intake_rows_per_s"),
            new Figure("intake_events_per_s_warm", "intake, warm (middle 80 % of outcomes)", "events/s", "insert_ceiling_rows_per_s", "≥ 0.3",
                    "intake_rows_per_s"),
            new Figure("intake_2_instances_events_per_s", "intake, two instances in one consumer group, same events and timing",
                    "events/s", "insert_ceiling_rows_per_s", "≥ 0.3", "intake_2_instances_rows_per_s"),
            new Figure("nightly_claims_per_s", "nightly job, claims ÷ job wall time", "claims/s", "insert_ceiling_rows_per_s", "≥ 0.25",
                    "nightly_rows_per_s"),
            new Figure("nightly_3_processes_claims_per_s", "nightly job, a manager and two worker processes, same night", "claims/s",
                    "insert_ceiling_rows_per_s", "≥ 0.25", "nightly_3_processes_rows_per_s"),
            new Figure("night_10x_over_1x", "the same night's wall time with 10× the prior ledger history ÷ with one year of it", "×", null,
                    "≤ 1.2", null),
            new Figure("year_loans_s", "a year of `year_loans` loans through the whole system, first produce → last night completed", "s",
                    null, "", null),
            new Figure("whatif_year_loans_s", "a what-if over that year: every trigger priced with the current rules and a draft (issue 15:"
                    + " minutes)", "s", null, "", null),
            new Figure("notifier_deliveries_per_s", "notifier, deliveries to bank topics, delivery ledger on", "deliveries/s",
                    "insert_ceiling_rows_per_s", "≥ 0.25", "notifier_rows_per_s"),
            new Figure("e2e_p50_ms", "end-to-end latency p50, produce → outcome, at half the warm intake rate", "ms", null, "", null),
            new Figure("e2e_p99_ms", "end-to-end latency p99, same", "ms", null, "< 500", null),
            new Figure("jmh_codec_decode_ops_per_s", "JMH: BankEventCodec.decode (parse + validate), realistic events", "ops/s per core",
                    null, "", null),
            new Figure("jmh_lyd_assess_ops_per_s", "JMH: LydPremiumProgram.assess", "ops/s per core", null, "", null),
            new Figure("jmh_hkzd_assess_ops_per_s", "JMH: HkzdInterestProgram.assess", "ops/s per core", null, "", null),
            new Figure("jmh_cap_allocate_ops_per_s", "JMH: CapAllocator.allocate, one firm's year of claims", "ops/s per core", null, "", null));

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, Long> sizes = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, List<String>> profiles = new LinkedHashMap<>();

    void put(String key, double value) {
        values.put(key, value);
    }

    void putAll(Map<String, Double> more) {
        values.putAll(more);
    }

    void size(String key, long value) {
        sizes.put(key, value);
    }

    long sizeOf(String key) {
        return sizes.get(key);
    }

    void setting(String key, String value) {
        settings.put(key, value);
    }

    void profile(String title, List<String> lines) {
        profiles.put(title, lines);
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        values.forEach((key, value) -> {
            if (Math.abs(value) >= 100) {
                root.put(key, Math.round(value));
            } else {
                root.put(key, Math.round(value * 1000) / 1000.0);
            }
        });
        ObjectNode sizesNode = root.putObject("sizes");
        sizes.forEach(sizesNode::put);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** {@code markdown} with the text between the marker lines replaced by this run's table. */
    String intoMarkdown(String markdown, Instant began) throws IOException {
        int begin = markdown.indexOf(BEGIN);
        int end = markdown.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("BENCHMARKS.md has no " + BEGIN + " … " + END + " lines to write the table between");
        }
        return markdown.substring(0, begin + BEGIN.length()) + "\n" + table(began) + markdown.substring(end);
    }

    private String table(Instant began) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("_Written by `benchmarks/run.sh`; do not edit between the marker lines._\n\n");
        md.append("- **Machine:** ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(memoryGiB())
                .append(" GiB memory; JDK ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append("; ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
        md.append("- **Date:** ").append(began.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)).append('\n');
        md.append("- **Services' JVM:** ").append(String.join(" ", productionFlags())).append('\n');
        settings.forEach((key, value) -> md.append("- **").append(key).append(":** ").append(value).append('\n'));
        md.append("- **Sizes:** ").append(sizes.isEmpty() ? "(none)" : sizes.toString().replaceAll("[{}]", "")).append("\n\n");
        md.append("| figure | key | value | ceiling | ratio | target | rows written/s |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Figure figure : FIGURES) {
            Double value = values.get(figure.key());
            if (value == null) {
                continue;
            }
            Double ceiling = figure.ceiling() == null ? null : values.get(figure.ceiling());
            Double rows = figure.rowsPerSecond() == null ? null : values.get(figure.rowsPerSecond());
            md.append("| ").append(figure.label()).append(" | `").append(figure.key()).append("` | ").append(number(value)).append(' ')
                    .append(figure.unit()).append(" | ").append(ceiling == null ? "" : number(ceiling) + " rows/s").append(" | ")
                    .append(ceiling == null ? "" : String.format("%.3f", value / ceiling)).append(" | ").append(figure.target()).append(" | ")
                    .append(rows == null ? "" : number(rows) + (ceiling == null ? "" : String.format(" (%.2f ×)", rows / ceiling))).append(" |\n");
        }
        values.forEach((key, value) -> {
            if (FIGURES.stream().noneMatch(f -> f.key().equals(key))) {
                md.append("| | `").append(key).append("` | ").append(number(value)).append(" | | | | |\n");
            }
        });
        profiles.forEach((title, lines) -> {
            md.append("\nJFR, ").append(title).append(":\n\n```\n");
            lines.forEach(line -> md.append(line).append('\n'));
            md.append("```\n");
        });
        return md.toString();
    }

    private static List<String> productionFlags() throws IOException {
        Path options = Path.of(System.getProperty("techfinance.root", "."), "deploy/jvm/production.options");
        return Files.readAllLines(options).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String memoryGiB() {
        long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format("%.1f", bytes / (1024.0 * 1024 * 1024));
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format("%,d", Math.round(value)) : String.format("%.3f", value);
    }
}
