package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Writes a traffic file for the demo run or a benchmark:
 * {@code GenerateEvents --out events.jsonl [--firms N] [--seed S] [--from YYYY-MM-DD] [--years Y] [--malformed SHARE] [--insurers CODE,CODE]}
 * (insurers: tech-insurance policies from these insurers beside the banks' loans; none by default).
 */
public final class GenerateEvents {

    private static final String USAGE =
            "usage: GenerateEvents --out events.jsonl [--firms N] [--seed S] [--from YYYY-MM-DD] [--years Y] [--malformed SHARE] [--insurers CODE,CODE]";

    private GenerateEvents() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** The tool without System.exit: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        TrafficProfile profile = TrafficProfile.defaults();
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--out" -> file = Path.of(value);
                    case "--firms" -> profile = profile.withFirms(Integer.parseInt(value));
                    case "--seed" -> profile = profile.withSeed(Long.parseLong(value));
                    case "--from" -> profile = profile.withFrom(LocalDate.parse(value));
                    case "--years" -> profile = profile.withYears(Integer.parseInt(value));
                    case "--malformed" -> profile = profile.withMalformedShare(Double.parseDouble(value));
                    case "--insurers" -> profile = profile.withInsurerCodes(List.of(value.split(",")));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("--out is required");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) { // NumberFormatException is an IllegalArgumentException
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }

        TrafficGenerator generator = new TrafficGenerator(profile);
        Span span = new Span();
        long lines = EventsFile.writeLines(file, generator.lines(generator.events().peek(span::add)));
        out.printf("%d events (%d malformed lines) from %d firms, seed %d, to %s%n",
                span.events, lines - span.events, profile.firms(), profile.seed(), file);
        out.printf("business dates %s .. %s%n", span.first, span.last);
        return 0;
    }

    /** Counts events and notes the first and last date; the stream is in time order. */
    private static final class Span {
        long events;
        LocalDate first;
        LocalDate last;

        void add(BankEvent event) {
            events++;
            last = event.time().toLocalDate();
            if (first == null) {
                first = last;
            }
        }
    }
}
