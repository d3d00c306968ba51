package cn.shanghai.techfinance.subsidy.publication;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.CalendarStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ConfirmationWindow;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publication (公示, subsidy-rules.md §5): a programme's COMPUTED claims triggered in a period, with an
 * amount above 0.00, become PUBLISHED on one numbered list, {@code <PROGRAM>-<year>-<nnn>}, with the
 * business date as {@code publishedOn} and the 3rd working day after it as {@code confirmBy}.
 */
@Service
public class Publications {

    private final PublicationStore store;
    private final ClaimStore claims;
    private final CalendarStore calendar;
    private final RuleDataStore ruleData;
    private final LedgerReader ledger;
    private final BusinessClock businessClock;
    private final Clock clock;

    public Publications(PublicationStore store, ClaimStore claims, CalendarStore calendar, RuleDataStore ruleData, LedgerReader ledger,
                        BusinessClock businessClock, Clock clock) {
        this.store = store;
        this.claims = claims;
        this.calendar = calendar;
        this.ruleData = ruleData;
        this.ledger = ledger;
        this.businessClock = businessClock;
        this.clock = clock;
    }

    /**
     * Publishes, all or nothing, what is new in the period: claims already on a list are PUBLISHED (or
     * further on), so publishing a period again takes only the claims computed since. Refused ({@link
     * PublicationRefused}) when nothing is new, and ({@link cn.shanghai.techfinance.subsidy.rules.CalendarYearNotLoaded})
     * when the deadline falls in a year whose calendar is not loaded.
     */
    @Transactional
    public Publication publish(ClaimEvent.Program program, LocalDate from, LocalDate to, String user) {
        // one business date for the list, its deadline and the audit trail, even across midnight
        LocalDate today = businessClock.today();
        // first, so that a concurrent publication waits here and then reads the claims as this one left them
        String number = "%s-%d-%03d".formatted(program.name(), today.getYear(), store.nextNumber(program, today.getYear()));
        RuleParameters parameters = ruleData.versions().forTriggerDate(today).orElseThrow(() -> new PublicationRefused(
                "no rule data is in force on " + today + ": the confirmation window is not known"));
        LocalDate confirmBy = ConfirmationWindow.lastDay(today, calendar.from(today), parameters);

        List<ClaimRecord> due = claims.inStatus(ruleProgram(program), ClaimStatus.COMPUTED, from, to).stream()
                .filter(c -> c.amount().signum() > 0).toList();
        if (due.isEmpty()) {
            throw new PublicationRefused("nothing new to publish: no " + program + " claim triggered " + from + " … " + to
                    + " is COMPUTED with an amount above 0.00 (无新增可公示的补贴)");
        }
        Map<String, String> firmNames = ledger.firmNames(due.stream().map(ClaimRecord::uscc).toList());
        for (ClaimRecord claim : due) {
            if (!firmNames.containsKey(claim.uscc())) {
                // a claim's firm came from the ledger's application: its snapshot is there
                throw new IllegalStateException("the ledger has no firm snapshot of " + claim.uscc());
            }
        }
        BigDecimal total = due.stream().map(ClaimRecord::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        long id = store.insert(new Publication(0, number, program, from, to, today, confirmBy, due.size(), total, user), due, firmNames,
                clock.instant());
        claims.changeState(due.stream().map(c -> new ClaimChange(c, c.published(today, confirmBy))).toList(),
                new Actor(user, today, number));
        return store.find(id).orElseThrow();
    }

    public List<Publication> all() {
        return store.all();
    }

    public Optional<Publication> find(long id) {
        return store.find(id);
    }

    public List<PublicationEntry> entries(long id) {
        return store.entries(id);
    }

    static Program ruleProgram(ClaimEvent.Program program) {
        return Program.ofPublicName(program.name()).orElseThrow();
    }
}
