package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Realistic, deterministic bank and credit-platform traffic for a {@link TrafficProfile}: every event
 * valid per contracts/bank-events.md, all sources merged in time order (the replay sends them in
 * file order). Streams lazily, so a benchmark can generate millions of events without holding them.
 */
public final class TrafficGenerator implements Iterable<BankEvent> {

    private final TrafficProfile profile;

    public TrafficGenerator(TrafficProfile profile) {
        this.profile = profile;
    }

    public TrafficProfile profile() {
        return profile;
    }

    /** A fresh pass over the whole run; each call starts again and yields the same events. */
    @Override
    public Iterator<BankEvent> iterator() {
        return new TimeOrderedEvents(profile);
    }

    public Stream<BankEvent> events() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Everything at once: for small profiles (tests, the demo). */
    public List<BankEvent> all() {
        return events().toList();
    }

    /** The run as JSONL lines, with the profile's share of malformed lines mixed in. */
    public Stream<byte[]> lines() {
        return lines(events());
    }

    /** {@code events} as JSONL lines, with the profile's share of malformed lines mixed in. */
    public Stream<byte[]> lines(Stream<BankEvent> events) {
        return events.flatMap(new MalformedLines(profile)::after);
    }
}
