package cn.shanghai.techfinance.subsidy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.cap.AllocatedClaim;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocation;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocator;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdInterestProgram;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdScenario;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydPremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydScenario;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties that hold for any facts: caps, signs, bounds and determinism. */
class RulesPropertiesTest {

    private static final LocalDate DAY_ZERO = LocalDate.of(2025, 6, 1);
    private static final LocalDate FAR_FUTURE = LocalDate.of(2035, 1, 1);

    private final LydPremiumProgram lyd = new LydPremiumProgram();
    private final HkzdInterestProgram hkzd = new HkzdInterestProgram();
    private final CapAllocator allocator = new CapAllocator();

    /** A claim to allocate: its firm, its trigger day, its assessed amount in fen and whether it is eligible. */
    record ClaimSeed(int firm, int day, long fen, boolean eligible) {
    }

    /** A paid HKZD instalment: its firm, day, interest in fen and whether the loan was a first loan. */
    record InstalmentSeed(int firm, int day, long interestFen, boolean firstLoan) {
    }

    @Provide
    Arbitrary<List<ClaimSeed>> claimSeeds() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 900),
                        Arbitraries.longs().between(0, 40_000_000L),
                        Arbitraries.of(true, true, true, false))
                .as(ClaimSeed::new)
                .list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<InstalmentSeed>> instalmentSeeds() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 1200),
                        Arbitraries.longs().between(0, 6_000_000L),
                        Arbitraries.of(true, false))
                .as(InstalmentSeed::new)
                .list()
                .ofMaxSize(40);
    }

    private static String uscc(int firm) {
        return "9131000000000000" + String.format("%02d", firm);
    }

    private static BigDecimal fen(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /** Synthetic HKZD-shaped assessments, so that the allocator is tested apart from the programmes. */
    private static List<ClaimAssessment> assessments(List<ClaimSeed> seeds, BigDecimal yearLimit, BigDecimal lifetimeLimit) {
        List<ClaimAssessment> claims = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            ClaimSeed seed = seeds.get(i);
            String uscc = uscc(seed.firm());
            LocalDate paidOn = DAY_ZERO.plusDays(seed.day());
            claims.add(new ClaimAssessment(
                    new ClaimKey.Hkzd("BANK-" + (i % 3), "C-" + i, 1 + i % 4),
                    uscc,
                    paidOn,
                    "v1",
                    fen(seed.fen() * 2),
                    new BigDecimal("0.50"),
                    seed.eligible() ? fen(seed.fen()) : Money.ZERO,
                    seed.eligible() ? List.of() : List.of(ReasonCode.OVERDUE),
                    seed.eligible()
                            ? List.of(
                                    new CapLimit(CapBucket.hkzdCalendarYear(uscc, paidOn.getYear()), yearLimit),
                                    new CapLimit(CapBucket.hkzdLifetime(uscc), lifetimeLimit))
                            : List.of()));
        }
        return claims;
    }

    @Property(tries = 300)
    void capsAreNeverExceededAndNoAmountIsNegative(
            @ForAll("claimSeeds") List<ClaimSeed> seeds,
            @ForAll @LongRange(min = 0, max = 100_000_000L) long yearLimitFen,
            @ForAll @LongRange(min = 0, max = 200_000_000L) long lifetimeLimitFen,
            @ForAll @LongRange(min = 0, max = 120_000_000L) long earlierFen) {
        BigDecimal yearLimit = fen(yearLimitFen);
        BigDecimal lifetimeLimit = fen(lifetimeLimitFen);
        List<ClaimAssessment> claims = assessments(seeds, yearLimit, lifetimeLimit);
        Map<CapBucket, BigDecimal> earlier = Map.of(CapBucket.hkzdLifetime(uscc(0)), fen(earlierFen));

        CapAllocation allocation = allocator.allocate(claims, earlier);

        Map<CapBucket, BigDecimal> grantedPerBucket = new HashMap<>();
        for (AllocatedClaim claim : allocation.claims()) {
            assertThat(claim.amount()).isNotNegative().isLessThanOrEqualTo(claim.assessment().amount());
            if (!claim.assessment().eligible()) {
                assertThat(claim.amount()).isZero();
            }
            claim.assessment().caps().forEach(cap -> grantedPerBucket.merge(cap.bucket(), claim.amount(), BigDecimal::add));
        }
        for (ClaimAssessment claim : claims) {
            for (CapLimit cap : claim.caps()) {
                BigDecimal before = earlier.getOrDefault(cap.bucket(), Money.ZERO);
                BigDecimal room = cap.limit().subtract(before).max(BigDecimal.ZERO);
                assertThat(grantedPerBucket.get(cap.bucket())).isLessThanOrEqualTo(room);
                assertThat(allocation.allocatedTotals().get(cap.bucket()))
                        .isEqualByComparingTo(before.add(grantedPerBucket.get(cap.bucket())));
            }
        }
    }

    @Property(tries = 200)
    void allocationDoesNotDependOnTheInputOrder(
            @ForAll("claimSeeds") List<ClaimSeed> seeds,
            @ForAll @LongRange(min = 0, max = 100_000_000L) long limitFen,
            @ForAll Random random) {
        List<ClaimAssessment> claims = assessments(seeds, fen(limitFen), fen(limitFen * 2));
        List<ClaimAssessment> shuffled = new ArrayList<>(claims);
        Collections.shuffle(shuffled, random);

        assertThat(allocator.allocate(shuffled, Map.of())).isEqualTo(allocator.allocate(claims, Map.of()));
    }

    @Property(tries = 300)
    void hkzdAmountsAreBoundedByTheBaseAtTheHighestRatioAndRecomputeTheSame(
            @ForAll @LongRange(min = 0, max = 100_000_000L) long interestFen,
            @ForAll @IntRange(min = 0, max = 199_999) int annualRateMicros,
            @ForAll @IntRange(min = 1, max = 80_000) int lprMicros,
            @ForAll boolean firstLoan,
            @ForAll @IntRange(min = -3, max = 3) int daysLate) {
        RuleParameters parameters = RuleParametersFixture.documentDefaults();
        HkzdScenario scenario = HkzdScenario.loan()
                .rates(BigDecimal.valueOf(annualRateMicros, 6).toPlainString(), BigDecimal.valueOf(lprMicros, 6).toPlainString());
        if (firstLoan) {
            scenario.firstLoan();
        }
        LocalDate due = LocalDate.of(2026, 3, 20);
        HkzdClaimFacts facts = scenario.paid(1, fen(interestFen).toPlainString(), due, due.plusDays(daysLate));

        ClaimAssessment claim = hkzd.assess(facts, parameters);

        BigDecimal maxRatio = parameters.hkzdRatio().max(parameters.hkzdFirstLoanRatio());
        assertThat(claim.amount()).isNotNegative().isLessThanOrEqualTo(Money.round(claim.base().multiply(maxRatio)));
        assertThat(claim.amount().scale()).isEqualTo(2);
        assertThat(hkzd.assess(facts, parameters)).isEqualTo(claim);
    }

    @Property(tries = 300)
    void lydAmountsAreBoundedByTheBaseAtTheHighestRatioAndRecomputeTheSame(
            @ForAll @LongRange(min = 0, max = 10_000_000L) long firstPremiumFen,
            @ForAll @LongRange(min = 0, max = 10_000_000L) long secondPremiumFen,
            @ForAll @IntRange(min = 0, max = 400) int secondPaidDay,
            @ForAll @IntRange(min = 30, max = 700) int settledDay,
            @ForAll boolean techService) {
        RuleParameters parameters = RuleParametersFixture.documentDefaults();
        LocalDate disbursedOn = LocalDate.of(2025, 6, 1);
        LydClaimFacts facts = new LydScenario()
                .firm(techService ? FirmFixture.techServiceFirm() : FirmFixture.highTechFirm())
                .contract("C-001", disbursedOn, disbursedOn.plusYears(2))
                .premium(fen(firstPremiumFen).toPlainString(), disbursedOn.plusDays(5))
                .premium(fen(secondPremiumFen).toPlainString(), disbursedOn.plusDays(secondPaidDay))
                .settledOn(disbursedOn.plusDays(settledDay))
                .facts();

        ClaimAssessment claim = lyd.assess(facts, FAR_FUTURE, parameters);

        BigDecimal maxRatio = parameters.lydRatio().max(parameters.lydTechServiceRatio());
        assertThat(claim.base()).isLessThanOrEqualTo(fen(firstPremiumFen + secondPremiumFen));
        assertThat(claim.amount()).isNotNegative().isLessThanOrEqualTo(Money.round(claim.base().multiply(maxRatio)));
        assertThat(lyd.assess(facts, FAR_FUTURE, parameters)).isEqualTo(claim);
    }

    @Property(tries = 200)
    void programmeClaimsNeverTakeMoreThanTheFirmsHkzdCaps(@ForAll("instalmentSeeds") List<InstalmentSeed> seeds) {
        RuleParameters parameters = RuleParametersFixture.fromDocumentDefaults()
                .hkzdCaps("50000.00", "120000.00")
                .build();
        List<ClaimAssessment> claims = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            InstalmentSeed seed = seeds.get(i);
            HkzdScenario scenario = HkzdScenario.contract("ICBC-SH", "C-" + seed.firm())
                    .firm(FirmFixture.highTechFirm().uscc(uscc(seed.firm())));
            if (seed.firstLoan()) {
                scenario.firstLoan();
            }
            claims.add(hkzd.assess(
                    scenario.paidOnTime(i + 1, fen(seed.interestFen()).toPlainString(), DAY_ZERO.plusDays(seed.day())),
                    parameters));
        }

        CapAllocation allocation = allocator.allocate(claims, Map.of());

        allocation.allocatedTotals().forEach((bucket, total) -> assertThat(total).isLessThanOrEqualTo(
                bucket.kind() == CapBucket.Kind.HKZD_LIFETIME ? new BigDecimal("120000.00") : new BigDecimal("50000.00")));
        assertThat(allocation.claims()).allSatisfy(claim -> assertThat(claim.amount()).isNotNegative());
    }
}
