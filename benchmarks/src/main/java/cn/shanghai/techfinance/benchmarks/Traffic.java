package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.local.EventsReplay;
import cn.shanghai.techfinance.traffic.TrafficGenerator;
import cn.shanghai.techfinance.traffic.TrafficProfile;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The benchmark's bank traffic: the traffic generator's realistic mix (both programmes, renewals,
 * defaults, cancellations, the edge cases) of ten banks and the credit platform, encoded before
 * anything is timed, each event with the topic and principal it is sent as and its record key.
 */
final class Traffic {

    static final List<String> BANKS = List.of("ICBC-SH", "BOC-SH", "SPDB-SH", "BOSC-SH", "CCB-SH", "ABC-SH", "BOCOM-SH", "CMB-SH",
            "CIB-SH", "CITIC-SH");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Firms of the sample that sizes the profile. */
    private static final int SAMPLE_FIRMS = 500;

    final TrafficProfile profile;
    final List<byte[]> lines;
    final List<String> keys;
    /** Each line's sender: a bank's code, or the credit platform. */
    final List<String> principals;
    final List<String> topics;
    /** The business date of the last event: every trigger of the traffic is due by then. */
    final LocalDate lastBusinessDate;

    private Traffic(TrafficProfile profile, List<byte[]> lines, List<String> principals, List<String> topics, LocalDate lastBusinessDate) {
        this.profile = profile;
        this.lines = lines;
        this.principals = principals;
        this.topics = topics;
        this.lastBusinessDate = lastBusinessDate;
        this.keys = EventsReplay.recordKeys(lines);
    }

    /**
     * About {@code events} events: the generator's default profile over ten banks, with as many
     * firms as give that many (measured on a sample), cut at exactly {@code events} (the stream is in
     * time order, so the cut drops the last days, never a parent before its child).
     */
    static Traffic generate(int events) {
        TrafficProfile base = TrafficProfile.defaults().withBankCodes(BANKS);
        long sample = new TrafficGenerator(base.withFirms(SAMPLE_FIRMS)).events().count();
        int firms = (int) Math.ceil(events * 1.02 * SAMPLE_FIRMS / sample);
        TrafficProfile profile = base.withFirms(firms);
        BankEventCodec codec = new BankEventCodec();
        List<byte[]> lines = new ArrayList<>(events);
        List<String> principals = new ArrayList<>(events);
        List<String> topics = new ArrayList<>(events);
        LocalDate last = null;
        Iterator<BankEvent> generated = new TrafficGenerator(profile).iterator();
        while (lines.size() < events && generated.hasNext()) {
            BankEvent event = generated.next();
            lines.add(codec.encode(event));
            String bank = EventSource.bankCode(event.source()).orElse(null);
            principals.add(bank != null ? bank : KafkaAccess.CREDIT_PLATFORM);
            topics.add((bank != null ? Topics.bankEvents(bank) : Topics.CREDIT_EVENTS).intern());
            last = event.time().atZoneSameInstant(SHANGHAI).toLocalDate();
        }
        return new Traffic(profile, lines, principals, topics, last);
    }

    int size() {
        return lines.size();
    }
}
