package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress on a terminal rewrites one line; in a log file it is a line every few seconds, not one per event. */
class StatusLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    @Test
    void withoutATerminalAReplayOfThousandsOfEventsPrintsAFewWholeLines() {
        StatusLine status = new StatusLine(out, false, clock::get);
        for (int n = 1; n <= 5838; n++) {
            clock.addAndGet(2_000_000); // an event every 2 ms: 11.7 s in all
            status.update("events sent " + n + "/5838");
        }
        status.end();
        assertThat(printed()).isEqualTo("""
                [local-run] events sent 1/5838
                [local-run] events sent 2501/5838
                [local-run] events sent 5001/5838
                [local-run] events sent 5838/5838
                """);
        assertThat(printed()).doesNotContain("\r");
    }

    @Test
    void withoutATerminalTheEndPrintsNothingTwice() {
        StatusLine status = new StatusLine(out, false, clock::get);
        status.update("nights done 1/1 (through 2026-12-31)");
        status.end();
        status.update("waiting for the notifier to deliver 3 bank results");
        status.end();
        assertThat(printed()).isEqualTo("""
                [local-run] nights done 1/1 (through 2026-12-31)
                [local-run] waiting for the notifier to deliver 3 bank results
                """);
    }

    @Test
    void onATerminalOneLineIsRewrittenInPlace() {
        StatusLine status = new StatusLine(out, true, clock::get);
        status.update("events sent 1/2");
        status.update("events sent 2/2");
        status.end();
        assertThat(printed()).isEqualTo("\r[local-run] events sent 1/2        \r[local-run] events sent 2/2        \n");
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
