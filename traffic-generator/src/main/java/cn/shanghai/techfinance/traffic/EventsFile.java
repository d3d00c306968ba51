package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** A JSONL file of events: one CloudEvent (structured JSON) per line, UTF-8, each line ending in '\n'. */
public final class EventsFile {

    private EventsFile() {
    }

    /** Writes the events in order; returns how many. */
    public static long write(Path file, Iterator<BankEvent> events) throws IOException {
        BankEventCodec codec = new BankEventCodec();
        return writeLines(file, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public byte[] next() {
                return codec.encode(events.next());
            }
        });
    }

    public static long write(Path file, Stream<BankEvent> events) throws IOException {
        try (events) {
            return write(file, events.iterator());
        }
    }

    /** Writes lines as given (valid or not); returns how many. */
    public static long writeLines(Path file, Iterator<byte[]> lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long count = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            while (lines.hasNext()) {
                out.write(lines.next());
                out.write('\n');
                count++;
            }
        }
        return count;
    }

    public static long writeLines(Path file, Stream<byte[]> lines) throws IOException {
        try (lines) {
            return writeLines(file, lines.iterator());
        }
    }

    /**
     * The file's lines as raw bytes, without their '\n', untouched otherwise: the replay sends each
     * as it is, malformed ones included, so intake sees exactly what a bank would have sent.
     */
    public static List<byte[]> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            lines.add(Arrays.copyOfRange(all, start, all.length)); // a last line without '\n'
        }
        return lines;
    }
}
