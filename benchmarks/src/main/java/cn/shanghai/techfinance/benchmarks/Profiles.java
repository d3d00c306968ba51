package cn.shanghai.techfinance.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one service during one stage ({@code jcmd <pid> JFR.start}, then dumped), and
 * the hottest methods of its execution samples: the project's own frame nearest the top of each
 * sample, so that a stage's bound shows in the code that asks for the work.
 */
final class Profiles {

    private static final String OWN = "cn.shanghai.techfinance.";

    private Profiles() {
    }

    static void start(long pid, String name) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
    }

    static Path stop(long pid, String name, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        jcmd(pid, "JFR.dump", "name=" + name, "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=" + name);
        return file;
    }

    /**
     * The {@code limit} methods most often on top of a sample, the project's own frames most often
     * nearest the top, and the threads sampled most, with their share.
     */
    static List<String> hottest(Path recording, int limit) throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            // a thread's number makes each pool member its own line: counted by pool
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            top.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().filter(f -> f.getMethod().getType().getName().startsWith(OWN)).findFirst()
                    .ifPresent(f -> own.merge(name(f), 1, Integer::sum));
        }
        List<String> lines = new ArrayList<>();
        lines.add(samples + " execution samples; top frames:");
        lines.addAll(ranked(top, samples, limit));
        lines.add("nearest own frames:");
        lines.addAll(ranked(own, samples, limit));
        lines.add("threads:");
        lines.addAll(ranked(threads, samples, 6));
        return lines;
    }

    private static List<String> ranked(Map<String, Integer> counts, int samples, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> String.format("%5.1f %% %s", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())).toList();
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(String.valueOf(pid));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
