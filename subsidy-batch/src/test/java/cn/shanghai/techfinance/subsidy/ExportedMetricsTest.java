package cn.shanghai.techfinance.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric the dashboard (deploy/monitoring/grafana/dashboards) and the alerts
 * (deploy/monitoring/prometheus/rules) use is one the services really export: this scrapes
 * /actuator/prometheus of the three running services and finds each name there.
 *
 * <p>Spring Batch's job metrics exist once a job has run, so the test runs one night first: of
 * 2000-01-05, years before any programme's start and any test's data, so that it finds no work
 * and leaves nothing for the other classes' nights (InterruptedJobsTest has 2000-01-03 to itself).
 */
class ExportedMetricsTest extends EndToEndTest {

    private static final Path MONITORING = Path.of("..", "deploy", "monitoring");
    /** Series Prometheus makes itself, not a service. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @LocalManagementPort
    int managementPort;

    @Autowired
    NightlyRuns runs;

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExported() throws Exception {
        assertThat(runs.runToEnd(LocalDate.of(2000, 1, 5)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        String scraped = String.join("\n", scrape(managementPort), scrape(managementPortOf(intake())), scrape(managementPortOf(notifier())));
        Set<String> exported = new TreeSet<>(PROMETHEUS_OWN);
        scraped.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> exported.add(line.split("[{ ]", 2)[0]));

        Set<String> used = new TreeSet<>();
        Set<String> selectedLabels = new TreeSet<>();
        for (String expr : expressions()) {
            used.addAll(metricNames(expr));
            selectedLabels.addAll(selectedLabels(expr));
        }
        assertThat(used).as("metric names in the dashboard and the rules").contains("intake_events_total", "notifier_deliveries_total",
                "spring_batch_job_seconds_count");
        assertThat(exported).containsAll(used);
        // the budget alert's gauge: one series a programme, whether or not the business year has a budget
        assertThat(scraped.lines().filter(line -> line.startsWith("subsidy_budget_reserved_ratio{")))
                .anyMatch(line -> line.contains("program=\"LYD_PREMIUM\"")).anyMatch(line -> line.contains("program=\"HKZD_INTEREST\""));
        // and the labels they select on are the series' own (name{label="…"}, as the scrape writes them)
        for (String selected : selectedLabels) {
            String[] nameAndLabel = selected.split(" ");
            if (!PROMETHEUS_OWN.contains(nameAndLabel[0])) {
                assertThat(scraped.lines()).as("a series %s with the label %s", nameAndLabel[0], nameAndLabel[1])
                        .anyMatch(line -> line.startsWith(nameAndLabel[0] + "{") && line.matches(".*[{,]" + nameAndLabel[1] + "=\".*"));
            }
        }
    }

    @Test
    void metricNamesAreFoundInPromQl() {
        String expr = "sum by (group, topic) (rate(a_total{outcome=\"x\", code=~\"b|c\"}[$__rate_interval])) / on (job) b_sum offset 5m > 10";
        assertThat(metricNames(expr)).containsExactlyInAnyOrder("a_total", "b_sum");
        assertThat(selectedLabels(expr)).containsExactlyInAnyOrder("a_total outcome", "a_total code");
    }

    /** Every PromQL expression of the dashboard's panels and the rules' alerts. */
    private static List<String> expressions() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<String> exprs = new java.util.ArrayList<>();
        for (JsonNode panel : json.readTree(Files.readString(MONITORING.resolve("grafana/dashboards/techfinance.json"))).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                if (target.has("expr")) {
                    exprs.add(target.get("expr").asString());
                }
            }
        }
        Matcher rule = Pattern.compile("(?m)^\\s+expr: (.+)$").matcher(Files.readString(MONITORING.resolve("prometheus/rules/techfinance.yml")));
        while (rule.find()) {
            exprs.add(rule.group(1));
        }
        assertThat(exprs).isNotEmpty();
        return exprs;
    }

    /** "name label" for each label matcher of a selector name{label="…", …} in the expression. */
    static Set<String> selectedLabels(String expr) {
        Set<String> pairs = new TreeSet<>();
        Matcher selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}").matcher(expr);
        while (selector.find()) {
            Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)").matcher(selector.group(2));
            while (label.find()) {
                pairs.add(selector.group(1) + " " + label.group(1));
            }
        }
        return pairs;
    }

    /** The series names in a PromQL expression: label matchers, ranges, strings, grouping labels and functions left out. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\S+", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!function && !number && !PROMQL_WORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The service's /actuator/prometheus, as Prometheus reads it. */
    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int managementPortOf(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getRequiredProperty("local.management.port"));
    }
}
