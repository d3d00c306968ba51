package cn.shanghai.techfinance.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JMH microbenchmarks ({@code jmh} package), run by JMH's own main in a JVM of their own with
 * the production flags, one thread (so ops/s is per core), on a machine the system stages have left.
 */
final class Microbenchmarks {

    /** JMH method → results.json key. */
    private static final Map<String, String> KEYS = Map.of(
            "CodecBenchmark.decode", "jmh_codec_decode_ops_per_s",
            "RulesBenchmark.lydAssess", "jmh_lyd_assess_ops_per_s",
            "RulesBenchmark.hkzdAssess", "jmh_hkzd_assess_ops_per_s",
            "RulesBenchmark.capAllocate", "jmh_cap_allocate_ops_per_s");

    private Microbenchmarks() {
    }

    static Map<String, Double> run(Path root, int iterationSeconds) throws Exception {
        Path output = root.resolve("benchmarks/target/jmh.json");
        Path log = root.resolve("benchmarks/target/jmh.log");
        Files.deleteIfExists(output);
        String time = iterationSeconds + "s";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.openjdk.jmh.Main", "cn.shanghai.techfinance.benchmarks.jmh.",
                "-f", "1", "-t", "1", "-wi", "3", "-w", time, "-i", "3", "-r", time,
                "-jvmArgsPrepend", "@" + root.resolve("deploy/jvm/production.options"),
                "-rf", "json", "-rff", output.toString()));
        Process jmh = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!jmh.waitFor(30, TimeUnit.MINUTES) || jmh.exitValue() != 0 || !Files.exists(output)) {
            jmh.destroyForcibly();
            throw new IllegalStateException("JMH failed; see " + log);
        }
        Map<String, Double> results = new LinkedHashMap<>();
        for (JsonNode benchmark : JsonMapper.builder().build().readTree(output.toFile()).values()) {
            String name = benchmark.get("benchmark").stringValue();
            String method = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String key = KEYS.get(method);
            if (key != null) {
                results.put(key, benchmark.get("primaryMetric").get("score").doubleValue());
            }
        }
        return results;
    }
}
