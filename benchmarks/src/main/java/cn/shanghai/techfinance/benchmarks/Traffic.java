package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.EventType;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.local.EventsReplay;
import cn.shanghai.techfinance.traffic.TrafficGenerator;
import cn.shanghai.techfinance.traffic.TrafficProfile;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The benchmark's bank traffic: the traffic generator's realistic mix (both programmes, renewals,
 * defaults, cancellations, the edge cases) of ten banks and the credit platform, encoded before
 * anything is timed, each event with the topic and principal it is sent as, its record key and its
 * business date.
 */
public final class Traffic {

    public static final List<String> BANKS = List.of("ICBC-SH", "BOC-SH", "SPDB-SH", "BOSC-SH", "CCB-SH", "ABC-SH", "BOCOM-SH", "CMB-SH",
            "CIB-SH", "CITIC-SH");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Firms of the sample that sizes a profile. */
    private static final int SAMPLE_FIRMS = 500;

    public final TrafficProfile profile;
    public final List<byte[]> lines;
    public final List<String> keys;
    /** Each line's sender: a bank's code, or the credit platform. */
    public final List<String> principals;
    public final List<String> topics;
    /** Each line's business date (Shanghai), in order: the stream is in time order. */
    public final List<LocalDate> dates;
    /** Each line's {@code source + "|" + id}, which its outcome names. */
    public final List<String> eventKeys;
    /** The business date of the last event: every trigger of the traffic is due by then. */
    public final LocalDate lastBusinessDate;
    /** Loan applications among the lines. */
    final long loans;

    private Traffic(TrafficProfile profile, List<byte[]> lines, List<String> principals, List<String> topics, List<LocalDate> dates,
                    List<String> eventKeys, long loans) {
        this.profile = profile;
        this.lines = lines;
        this.principals = principals;
        this.topics = topics;
        this.dates = dates;
        this.eventKeys = eventKeys;
        this.loans = loans;
        this.lastBusinessDate = dates.get(dates.size() - 1);
        this.keys = EventsReplay.recordKeys(lines);
    }

    /** The main traffic: the generator's default profile over {@link #BANKS}, about {@code events} events ({@link #ofEvents}). */
    public static Traffic generate(int events) {
        return ofEvents(TrafficProfile.defaults().withBankCodes(BANKS), events);
    }

    /**
     * {@code events} events of {@code base} with as many firms as give that many (measured on a
     * sample), cut at exactly {@code events} (the stream is in time order, so the cut drops the last
     * days, never a parent before its child).
     */
    static Traffic ofEvents(TrafficProfile base, int events) {
        long sample = new TrafficGenerator(base.withFirms(SAMPLE_FIRMS)).events().count();
        int firms = (int) Math.ceil(events * 1.02 * SAMPLE_FIRMS / sample);
        return encode(base.withFirms(firms), events);
    }

    /** The whole run of {@code base} with as many firms as apply for about {@code loans} loans in it (measured on a sample). */
    static Traffic ofLoans(TrafficProfile base, int loans) {
        long sample = new TrafficGenerator(base.withFirms(SAMPLE_FIRMS)).events().filter(isLoanApplication()).count();
        return encode(base.withFirms((int) Math.ceil((double) loans * SAMPLE_FIRMS / sample)), Integer.MAX_VALUE);
    }

    private static Predicate<BankEvent> isLoanApplication() {
        return event -> event.type() == EventType.LOAN_APPLIED;
    }

    private static Traffic encode(TrafficProfile profile, int limit) {
        BankEventCodec codec = new BankEventCodec();
        List<byte[]> lines = new ArrayList<>();
        List<String> principals = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        List<String> eventKeys = new ArrayList<>();
        long loans = 0;
        Iterator<BankEvent> generated = new TrafficGenerator(profile).iterator();
        while (lines.size() < limit && generated.hasNext()) {
            BankEvent event = generated.next();
            lines.add(codec.encode(event));
            String bank = EventSource.bankCode(event.source()).orElse(null);
            principals.add(bank != null ? bank : KafkaAccess.CREDIT_PLATFORM);
            topics.add((bank != null ? Topics.bankEvents(bank) : Topics.CREDIT_EVENTS).intern());
            dates.add(event.time().atZoneSameInstant(SHANGHAI).toLocalDate());
            eventKeys.add(event.source() + "|" + event.id());
            if (isLoanApplication().test(event)) {
                loans++;
            }
        }
        return new Traffic(profile, lines, principals, topics, dates, eventKeys, loans);
    }

    public int size() {
        return lines.size();
    }

    /** A line of the settings: what the traffic is. */
    public String describe() {
        return "TrafficProfile.defaults() over " + profile.bankCodes().size() + " banks (seed " + profile.seed() + "), " + profile.firms()
                + " firms, " + profile.from() + " .. " + lastBusinessDate + ", " + size() + " events, " + loans + " loans";
    }
}
