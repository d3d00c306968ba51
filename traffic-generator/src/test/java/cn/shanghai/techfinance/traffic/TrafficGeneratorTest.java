package cn.shanghai.techfinance.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.DecodeResult;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanDisbursed;
import cn.shanghai.techfinance.contracts.bank.Reference;
import cn.shanghai.techfinance.contracts.bank.TechPolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.TechPolicyIssued;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final List<BankEvent> EVENTS = DefaultTraffic.EVENTS;
    private final BankEventCodec codec = new BankEventCodec();

    @Test
    void everyEventOfTheDefaultProfileIsValidAndRoundTripsThroughTheCodec() {
        assertThat(EVENTS).hasSizeGreaterThan(5_000);
        for (BankEvent event : EVENTS) {
            DecodeResult result = codec.decode(codec.encode(event));
            assertThat(result).as("%s", event).isInstanceOf(DecodeResult.Decoded.class);
            assertThat(((DecodeResult.Decoded) result).event()).isEqualTo(event);
        }
    }

    @Test
    void idsAreUniquePerSourceAndTimesAreShanghaiBusinessHours() {
        Set<String> seen = new HashSet<>();
        for (BankEvent event : EVENTS) {
            assertThat(seen.add(event.source() + " " + event.id())).as("duplicate %s", event.id()).isTrue();
            assertThat(event.time().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            assertThat(event.time().getHour()).isBetween(8, 19);
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        TrafficProfile small = TrafficProfile.defaults().withFirms(60);
        List<String> first = new TrafficGenerator(small).events().map(this::line).toList();
        List<String> second = new TrafficGenerator(small).events().map(this::line).toList();
        List<String> otherSeed = new TrafficGenerator(small.withSeed(7)).events().map(this::line).toList();

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void theStreamIsInGlobalTimeOrderWithinTheRun() {
        TrafficProfile profile = TrafficProfile.defaults();
        for (int i = 1; i < EVENTS.size(); i++) {
            assertThat(EVENTS.get(i).time()).as("event %d", i).isAfterOrEqualTo(EVENTS.get(i - 1).time());
        }
        assertThat(EVENTS.get(0).time().toLocalDate()).isAfterOrEqualTo(profile.from());
        assertThat(EVENTS.get(EVENTS.size() - 1).time().toLocalDate()).isBeforeOrEqualTo(profile.until());
    }

    @Test
    void everyChildRefersToAParentSentEarlierByTheSameBank() {
        Set<String> created = new HashSet<>();
        int references = 0;
        for (BankEvent event : EVENTS) {
            String bank = EventSource.bankCode(event.source()).orElse("credit");
            for (Reference parent : event.data().parents()) {
                assertThat(created).as("%s of %s", parent, event).contains(bank + " " + parent.kind() + " " + parent.number());
                references++;
            }
            event.data().creates().ifPresent(document -> {
                String key = bank + " " + document.kind() + " " + document.number();
                assertThat(created.add(key)).as("%s created twice", key).isTrue();
            });
        }
        assertThat(references).isGreaterThan(EVENTS.size() / 2);
    }

    @Test
    void interestIsPrincipalTimesRateTimesDaysOver360RoundedHalfUp() {
        Map<String, LoanDisbursed> contracts = new HashMap<>();
        int instalments = 0;
        for (BankEvent event : EVENTS) {
            if (event.data() instanceof LoanDisbursed disbursed) {
                contracts.put(event.source() + disbursed.contractNo(), disbursed);
                assertThat(disbursed.maturityOn()).isAfter(disbursed.disbursedOn());
            } else if (event.data() instanceof InterestPaid paid) {
                LoanDisbursed contract = contracts.get(event.source() + paid.contractNo());
                long days = ChronoUnit.DAYS.between(paid.periodStart(), paid.periodEnd()) + 1;
                BigDecimal expected = contract.principal().multiply(contract.annualRate())
                        .multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(360), 2, RoundingMode.HALF_UP);
                assertThat(paid.interestAmount()).isEqualByComparingTo(expected);
                assertThat(paid.periodStart()).isAfterOrEqualTo(contract.disbursedOn());
                assertThat(paid.periodEnd()).isBefore(contract.maturityOn());
                instalments++;
            }
        }
        assertThat(instalments).isGreaterThan(1_000);
    }

    @Test
    void insurersAreOffByDefaultAndWhenOnAddPoliciesWithoutChangingTheBanksTraffic() {
        TrafficProfile banksOnly = TrafficProfile.defaults().withFirms(120);
        List<BankEvent> without = new TrafficGenerator(banksOnly).all();
        List<BankEvent> with = new TrafficGenerator(banksOnly.withInsurerCodes(List.of("PICC-SH", "CPIC-SH"))).all();

        assertThat(without).noneMatch(e -> EventSource.insurerCode(e.source()).isPresent());
        assertThat(with).filteredOn(e -> EventSource.insurerCode(e.source()).isEmpty()).isEqualTo(without);
        List<BankEvent> insurers = with.stream().filter(e -> EventSource.insurerCode(e.source()).isPresent()).toList();
        insurers.forEach(e -> assertThat(codec.decode(codec.encode(e))).isInstanceOf(DecodeResult.Decoded.class));
        Map<String, TechPolicyIssued> policies = new HashMap<>();
        Map<String, BigDecimal> paid = new HashMap<>();
        Map<String, Integer> payments = new HashMap<>();
        Set<TechPolicyLine> lines = new HashSet<>();
        int cancelled = 0;
        for (BankEvent e : insurers) {
            String key = e.source() + " ";
            if (e.data() instanceof TechPolicyIssued p) {
                policies.put(key + p.policyNo(), p);
                lines.add(p.line());
            } else if (e.data() instanceof TechPremiumPaid p) {
                assertThat(policies).as("a payment after its policy").containsKey(key + p.policyNo());
                paid.merge(key + p.policyNo(), p.amount(), BigDecimal::add);
                payments.merge(key + p.policyNo(), 1, Integer::sum);
            } else if (e.data() instanceof TechPolicyCancelled c) {
                assertThat(policies).as("a cancellation after its policy").containsKey(key + c.policyNo());
                cancelled++;
            }
        }
        assertThat(insurers.stream().map(BankEvent::source).distinct()).hasSize(2);
        assertThat(lines).contains(TechPolicyLine.OTHER).hasSizeGreaterThan(2);
        assertThat(payments.values()).contains(1, 2);
        assertThat(cancelled).isPositive();
        paid.forEach((policy, amount) -> assertThat(amount).as(policy).isLessThanOrEqualTo(policies.get(policy).premium()));
    }

    @Test
    void aLargeProfileStreamsWithoutGeneratingTheWholeRunFirst() {
        TrafficGenerator large = new TrafficGenerator(TrafficProfile.defaults().withFirms(20_000).withYears(5));

        List<BankEvent> firstDays = large.events().limit(1_000).toList();

        assertThat(firstDays).hasSize(1_000);
        assertThat(firstDays.get(firstDays.size() - 1).time().toLocalDate()).isBefore(LocalDate.of(2024, 7, 1));
    }

    private String line(BankEvent event) {
        return new String(codec.encode(event), java.nio.charset.StandardCharsets.UTF_8);
    }
}
