package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.EventType;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Event times: the business date at an hour typical of the event's kind, in +08:00 (Shanghai keeps
 * no daylight saving). Hours rise along a loan's life, so a child sent on its parent's date still
 * comes after it.
 */
final class BusinessClock {

    static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

    private BusinessClock() {
    }

    static OffsetDateTime at(LocalDate date, EventType type, SplittableRandom random) {
        LocalTime time = LocalTime.of(hourOf(type), random.nextInt(60), random.nextInt(60));
        return OffsetDateTime.of(date, time, SHANGHAI);
    }

    /** Before every event of that date: used to order work waiting in the merge. */
    static long startOf(LocalDate date) {
        return date.atStartOfDay().toEpochSecond(SHANGHAI);
    }

    private static int hourOf(EventType type) {
        return switch (type) {
            case LOAN_OVERDUE -> 8;             // the overnight batch notices the missed payment
            case LOAN_APPLIED -> 9;
            case LOAN_APPROVED, LOAN_REJECTED -> 10;
            case LOAN_DISBURSED -> 11;
            case POLICY_ISSUED, TECH_POLICY_ISSUED -> 12;
            case PREMIUM_PAID, TECH_PREMIUM_PAID -> 13;
            case INTEREST_PAID -> 14;
            case PRINCIPAL_REPAID -> 15;
            case LOAN_SETTLED, POLICY_CANCELLED, TECH_POLICY_CANCELLED -> 16;
            case LOAN_DEFAULTED -> 17;
            case FIRM_DISHONESTY_LISTED, FIRM_DISHONESTY_CLEARED -> 19; // the credit platform's evening publication
        };
    }
}
