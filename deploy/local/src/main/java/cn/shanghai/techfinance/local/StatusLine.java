package cn.shanghai.techfinance.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The run's progress ("events sent 812/5838"). On a terminal one line is rewritten in place as the
 * count moves; anywhere else (CI, a log file, {@code | tee}) a rewrite per event would be thousands
 * of updates glued into one line, so a full line is printed at most every few seconds, and the
 * final state once at {@link #end()}.
 */
final class StatusLine {

    static final Duration EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private String unprinted;
    private long printedAt;
    private boolean printedOnce;

    StatusLine(PrintStream out, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** Standard output; a terminal only when the JVM has a console (neither end redirected). */
    static StatusLine onStandardOutput() {
        return new StatusLine(System.out, System.console() != null, System::nanoTime);
    }

    synchronized void update(String message) {
        if (terminal) {
            out.print("\r[local-run] " + message + "        ");
            out.flush();
            return;
        }
        long now = nanoTime.getAsLong();
        if (!printedOnce || now - printedAt >= EVERY.toNanos()) {
            println(message, now);
        } else {
            unprinted = message;
        }
    }

    /** Closes the current line: on a terminal ends it, elsewhere prints the last state if it is not out yet. */
    synchronized void end() {
        if (terminal) {
            out.println();
        } else if (unprinted != null) {
            println(unprinted, nanoTime.getAsLong());
        }
        unprinted = null;
        printedOnce = false;
    }

    private void println(String message, long now) {
        out.println("[local-run] " + message);
        out.flush();
        printedAt = now;
        printedOnce = true;
        unprinted = null;
    }
}
