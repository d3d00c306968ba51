package cn.shanghai.techfinance.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the nightly workers' logs say of the slices they ran (subsidy-batch's PartitionRequests logs
 * "running S (step execution N)" and "S (step execution N) ended STATUS"): the slice a killed worker
 * was in, and which workers ran it afterwards.
 */
final class SliceLogs {

    private static final Pattern RUNNING = Pattern.compile("running (\\S+) \\(step execution (\\d+)\\)");
    private static final Pattern ENDED = Pattern.compile("(\\S+) \\(step execution (\\d+)\\) ended (\\w+)");

    private final Path logs;
    private String killedSlice;
    private String killedExecution;

    SliceLogs(Path logs) {
        this.logs = logs;
    }

    /** The slice a killed worker's log shows running and not ended, remembered for {@link #rerun()}; or that it was between slices. */
    String killedIn(Path killedLog) {
        String slice = null;
        String execution = null;
        for (String line : lines(killedLog)) {
            Matcher running = RUNNING.matcher(line);
            Matcher ended = ENDED.matcher(line);
            if (running.find()) {
                slice = running.group(1);
                execution = running.group(2);
            } else if (ended.find() && ended.group(2).equals(execution)) {
                slice = null;
            }
        }
        killedSlice = slice;
        killedExecution = slice == null ? null : execution;
        return slice == null ? "between two slices (its log shows none running)" : "in slice " + slice + " (step execution " + execution + ")";
    }

    /** Which worker logs written since show the killed slice run again, and how it ended there. */
    String rerun() {
        if (killedExecution == null) {
            return "no slice was interrupted";
        }
        List<String> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.getFileName().toString().matches("subsidy-batch-worker-\\d+\\.log")).sorted().toList()) {
                String ending = null;
                boolean ran = false;
                for (String line : lines(log)) {
                    Matcher running = RUNNING.matcher(line);
                    Matcher ended = ENDED.matcher(line);
                    if (running.find() && running.group(2).equals(killedExecution)) {
                        ran = true;
                    } else if (ended.find() && ended.group(2).equals(killedExecution)) {
                        ending = ended.group(3);
                    }
                }
                if (ran) {
                    runs.add(log.getFileName().toString().replace(".log", "") + (ending == null ? " (no end logged)" : " (" + ending + ")"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "slice " + killedSlice + " run again by " + (runs.isEmpty() ? "no worker" : String.join(", ", runs));
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
