package cn.shanghai.techfinance.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process the local run started: its output goes to a log file, it is waited for until it
 * serves, and it is stopped gracefully (SIGTERM, then killed if it lingers).
 */
public final class ServiceProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java} with the given arguments, output to {@code logs/<name>.log}. */
    public static ServiceProcess startJava(String name, Path logs, List<String> javaArguments) throws IOException {
        return startJava(name, logs, javaArguments, Map.of());
    }

    /**
     * Starts {@code java} with {@code environment} added to this process's: how a service gets its
     * credentials without them showing on its command line.
     */
    public static ServiceProcess startJava(String name, Path logs, List<String> javaArguments, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new ServiceProcess(name, process, log);
    }

    /** The name it was started as (its log's). */
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a line of its log that starts with {@code prefix} (the infrastructure's READY), and returns it. */
    public String awaitLogLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ensureAlive();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
                Optional<String> line = reader.lines().filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not get ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Waits until something accepts connections on {@code port} (the Kafka broker). */
    public void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ensureAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port + " within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Runs to its end; fails unless it exits with 0 (a one-off tool, like Kafka's storage format). */
    void awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s; see " + log);
        }
        if (process.exitValue() != 0) {
            // the tool's own reason in the message, so that a CI log shows it without the file
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + firstErrorLine() + "; see " + log);
        }
    }

    private String firstErrorLine() {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("Exception") || line.contains("Error")).findFirst().orElse("(no error in its log)");
        } catch (IOException | UncheckedIOException e) {
            return "(its log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until {@code healthUrl} answers UP (Spring Boot Actuator). */
    public void awaitHealthy(HttpClient http, String healthUrl, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ensureAlive();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s; see " + log);
    }

    private void ensureAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    /**
     * SIGKILL, no shutdown hook, nothing flushed: a crash, as the reliability run makes it
     * (reliability/run.sh); returns once the process is gone.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, so the service shuts down gracefully (Spring, Kafka, MariaDB); killed after 30 s. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
