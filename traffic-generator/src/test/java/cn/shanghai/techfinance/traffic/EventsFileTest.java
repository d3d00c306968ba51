package cn.shanghai.techfinance.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.DecodeResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsFileTest {

    @TempDir
    Path dir;

    private final BankEventCodec codec = new BankEventCodec();

    @Test
    void writtenEventsReadBackLineByLineAsTheSameEvents() throws IOException {
        List<BankEvent> events = new TrafficGenerator(TrafficProfile.defaults().withFirms(40)).all();
        Path file = dir.resolve("events.jsonl");

        long written = EventsFile.write(file, events.stream());
        List<byte[]> lines = EventsFile.read(file);

        assertThat(written).isEqualTo(events.size());
        assertThat(lines).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(codec.encode(events.get(i)));
            assertThat(codec.decode(lines.get(i))).isEqualTo(new DecodeResult.Decoded(events.get(i)));
        }
        assertThat(Files.readString(file)).endsWith("\n").doesNotContain("\r");
    }

    @Test
    void readKeepsEveryLineAsItIsMalformedOrNotAndALastLineWithoutNewline() throws IOException {
        Path file = dir.resolve("odd.jsonl");
        Files.write(file, "{\"id\":\"x\"}\nnot json at all\n\n{\"tail\":".getBytes(StandardCharsets.UTF_8));

        List<String> lines = EventsFile.read(file).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();

        assertThat(lines).containsExactly("{\"id\":\"x\"}", "not json at all", "", "{\"tail\":");
    }

    @Test
    void generateEventsWritesTheFileAndReportsCountAndSpan() throws IOException {
        Path file = dir.resolve("out/events.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = GenerateEvents.run(new String[] {"--out", file.toString(), "--firms", "30", "--seed", "5",
                "--from", "2025-01-01", "--years", "2"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        List<byte[]> lines = EventsFile.read(file);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(report).contains(lines.size() + " events (0 malformed lines) from 30 firms, seed 5")
                .containsPattern("business dates 2025-01-\\d\\d \\.\\. 2026-12-\\d\\d");
        assertThat(lines).allSatisfy(line -> assertThat(codec.decode(line)).isInstanceOf(DecodeResult.Decoded.class));
    }

    @Test
    void generateEventsRejectsBadArguments() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = GenerateEvents.run(new String[] {"--firms", "ten"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: GenerateEvents --out");
    }
}
