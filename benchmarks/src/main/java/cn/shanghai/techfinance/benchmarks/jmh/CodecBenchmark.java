package cn.shanghai.techfinance.benchmarks.jmh;

import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.DecodeResult;
import cn.shanghai.techfinance.traffic.TrafficGenerator;
import cn.shanghai.techfinance.traffic.TrafficProfile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What intake does to every record before touching the database: {@link BankEventCodec#decode}
 * parses the CloudEvent and validates it against the contract. Over the generator's own mix of
 * event types, one event after another.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    private final BankEventCodec codec = new BankEventCodec();
    private List<byte[]> events;
    private int next;

    @Setup
    public void generate() {
        events = new TrafficGenerator(TrafficProfile.defaults().withFirms(200)).events().limit(4096).map(codec::encode).toList();
    }

    @Benchmark
    public DecodeResult decode() {
        byte[] event = events.get(next);
        next = (next + 1) % events.size();
        return codec.decode(event);
    }
}
