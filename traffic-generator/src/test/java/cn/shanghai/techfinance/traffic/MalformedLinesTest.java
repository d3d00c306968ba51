package cn.shanghai.techfinance.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.DecodeResult;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MalformedLinesTest {

    private final BankEventCodec codec = new BankEventCodec();

    @Test
    void withoutAShareEveryLineIsAValidEvent() {
        List<byte[]> lines = new TrafficGenerator(TrafficProfile.defaults().withFirms(30)).lines().toList();

        assertThat(lines).allSatisfy(line -> assertThat(codec.decode(line)).isInstanceOf(DecodeResult.Decoded.class));
    }

    @Test
    void malformedLinesAreRejectedForTheirOwnReasonAndOnlyThey() {
        TrafficProfile profile = TrafficProfile.defaults().withFirms(60).withMalformedShare(0.02);
        List<byte[]> lines = new TrafficGenerator(profile).lines().toList();
        List<DecodeResult.Decoded> valid = new ArrayList<>();
        List<DecodeResult.Rejected> rejected = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (byte[] line : lines) {
            DecodeResult result = codec.decode(line);
            if (result instanceof DecodeResult.Decoded decoded) {
                valid.add(decoded);
            } else if (((DecodeResult.Rejected) result).identifiable()) {
                rejected.add((DecodeResult.Rejected) result);
            } else {
                unreadable.add(new String(line, StandardCharsets.UTF_8));
            }
        }

        assertThat(valid).allSatisfy(d -> assertThat(d.event().id()).doesNotStartWith("malformed-"));
        assertThat(rejected).isNotEmpty().allSatisfy(r -> assertThat(r.id()).startsWith("malformed-"));
        assertThat(rejected.stream().flatMap(r -> r.violations().stream()).map(Violation::code))
                .contains(RejectionCode.INVALID_USCC, RejectionCode.INVALID_FORMAT, RejectionCode.UNKNOWN_TYPE);
        assertThat(unreadable).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"id\":\"malformed-"));
        assertThat(lines).hasSize(valid.size() + rejected.size() + unreadable.size());
        // mixing malformed lines in leaves the valid traffic exactly as without them
        assertThat(valid.stream().map(DecodeResult.Decoded::event).toList())
                .isEqualTo(new TrafficGenerator(profile.withMalformedShare(0.0)).all());
    }
}
