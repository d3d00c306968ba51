package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyListed;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Encodes events as JSONL lines and, for rejection demos, sometimes follows one with a line that
 * breaks the contract. Malformed lines take turns through {@link Kind}, carry the ids
 * {@code malformed-000001}, {@code malformed-000002}, … and the time of the event before them.
 * They refer to documents that do not exist, so they never disturb the valid traffic.
 */
final class MalformedLines {

    /** How a malformed line breaks the contract, in the order they take turns. */
    enum Kind {
        /** firm.dishonesty-listed with a wrong USCC check character: INVALID_USCC. */
        BAD_USCC,
        /** premium.paid with amount "1234.567": INVALID_FORMAT. */
        MONEY_WITH_THREE_DECIMALS,
        /** type loan.restructured.v1: UNKNOWN_TYPE. */
        UNKNOWN_TYPE,
        /** an envelope cut off before its data: MALFORMED_JSON. */
        NOT_JSON
    }

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final BankEventCodec codec = new BankEventCodec();
    private final double share;
    private final String fallbackBank;
    private final SplittableRandom random;
    private int count;

    MalformedLines(TrafficProfile profile) {
        this.share = profile.malformedShare();
        this.fallbackBank = profile.bankCodes().get(0);
        this.random = new SplittableRandom(profile.seed() ^ 0x6D616C666F726D65L); // its own stream: valid traffic stays the same
    }

    /** The event's line, maybe followed by a malformed one. */
    Stream<byte[]> after(BankEvent event) {
        byte[] line = codec.encode(event);
        if (share == 0.0 || random.nextDouble() >= share) {
            return Stream.of(line);
        }
        return Stream.of(line, malformed(event));
    }

    private byte[] malformed(BankEvent before) {
        count++;
        String id = String.format("malformed-%06d", count);
        String bank = EventSource.bankCode(before.source()).map(EventSource::bank).orElse(EventSource.bank(fallbackBank));
        LocalDate on = before.time().toLocalDate();
        String text = switch (Kind.values()[(count - 1) % Kind.values().length]) {
            case BAD_USCC -> {
                String valid = Uscc.withCheckCharacter(String.format("91310115MA%07d", count % 10_000_000));
                char wrong = ALPHABET.charAt((ALPHABET.indexOf(valid.charAt(17)) + 1) % ALPHABET.length());
                yield encode(new BankEvent(id, EventSource.CREDIT_PLATFORM, before.time(), new FirmDishonestyListed(valid, on)))
                        .replace(valid, valid.substring(0, 17) + wrong);
            }
            case MONEY_WITH_THREE_DECIMALS -> encode(new BankEvent(id, bank, before.time(),
                    new PremiumPaid("Y-MALFORMED-" + count, new BigDecimal("1234.56"), on)))
                    .replace("\"1234.56\"", "\"1234.567\"");
            case UNKNOWN_TYPE -> encode(new BankEvent(id, bank, before.time(), new LoanSettled("C-MALFORMED-" + count, on)))
                    .replace("loan.settled.v1", "loan.restructured.v1");
            case NOT_JSON -> {
                String whole = encode(new BankEvent(id, bank, before.time(), new LoanSettled("C-MALFORMED-" + count, on)));
                yield whole.substring(0, whole.indexOf("\"data\""));
            }
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String encode(BankEvent event) {
        return new String(codec.encode(event), StandardCharsets.UTF_8);
    }
}
