package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Approval;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Instalment;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.TechPolicy;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleVersions;
import cn.shanghai.techfinance.subsidy.rules.cap.AllocatedClaim;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocator;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdInterestProgram;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydPremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.lyd.SubsidyYearPolicy;
import cn.shanghai.techfinance.subsidy.rules.techinsurance.TechInsurancePremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.techinsurance.TechPolicyFacts;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.EarlierClaim;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.PeriodUnit;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.PricedClaim;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prices a slice of firms' triggers of a period twice, with the rules engine's own programmes and cap
 * allocator: with the current rule versions and with the draft applied to them. Nothing is written
 * but the what-if's rows: the claims, cap usage and events of the nights are only read.
 *
 * <p>Caps start, in both scenarios, from what the firm's claims triggered before the period took
 * (claims before {@code from} keep what they took; a cancelled one too, as a cancellation gives no
 * cap back), put in the buckets each scenario's rules name for them.
 */
final class WhatIfPricing {

    private final LydPremiumProgram lyd = new LydPremiumProgram();
    private final HkzdInterestProgram hkzd = new HkzdInterestProgram();
    private final TechInsurancePremiumProgram techInsurance = new TechInsurancePremiumProgram();
    private final CapAllocator caps = new CapAllocator();
    private final WhatIfStore store;
    private final LedgerFacts ledger;

    WhatIfPricing(WhatIfStore store, LedgerFacts ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    /** A trigger as the ledger shows it: its facts, which hold the firm's snapshot of the application. */
    private record Trigger(PeriodUnit unit, FirmSnapshot firm, LocalDate triggerDate,
                           LydClaimFacts lydFacts, HkzdClaimFacts hkzdFacts, TechPolicyFacts techFacts) {
    }

    List<PricedClaim> price(List<String> firms, LocalDate from, LocalDate to, RuleVersions current, RuleVersions draft) {
        List<PeriodUnit> units = store.unitsIn(firms, from, to);
        Set<Approval> lydApprovals = new LinkedHashSet<>();
        Set<Approval> hkzdApprovals = new LinkedHashSet<>();
        Set<Instalment> instalments = new LinkedHashSet<>();
        Set<TechPolicy> techPolicies = new LinkedHashSet<>();
        for (PeriodUnit unit : units) {
            Approval approval = new Approval(unit.bankCode(), unit.approvalNo());
            switch (unit.program()) {
                case LYD -> lydApprovals.add(approval);
                case HKZD -> {
                    hkzdApprovals.add(approval);
                    instalments.add(new Instalment(unit.bankCode(), unit.contractNo(), unit.installmentNo()));
                }
                case TECH_INSURANCE -> techPolicies.add(new TechPolicy(unit.bankCode(), unit.approvalNo()));
            }
        }
        Set<String> usccs = units.stream().map(PeriodUnit::uscc).collect(Collectors.toCollection(LinkedHashSet::new));
        LedgerFacts.Facts facts = ledger.load(usccs, lydApprovals, hkzdApprovals, instalments, techPolicies);
        Map<String, List<EarlierClaim>> earlier = store.earlierClaims(usccs, from).stream()
                .collect(Collectors.groupingBy(EarlierClaim::uscc));
        Map<String, List<Trigger>> byFirm = new HashMap<>();
        for (PeriodUnit unit : units) {
            trigger(unit, facts, to).filter(t -> !t.triggerDate().isBefore(from))
                    .ifPresent(t -> byFirm.computeIfAbsent(unit.uscc(), k -> new ArrayList<>()).add(t));
        }
        List<PricedClaim> priced = new ArrayList<>();
        for (String uscc : usccs) {
            List<Trigger> triggers = byFirm.getOrDefault(uscc, List.of());
            List<EarlierClaim> before = earlier.getOrDefault(uscc, List.of());
            Map<ClaimKey, AllocatedClaim> withCurrent = allocate(triggers, before, current);
            Map<ClaimKey, AllocatedClaim> withDraft = allocate(triggers, before, draft);
            for (Trigger t : triggers) {
                ClaimKey key = key(t.unit());
                AllocatedClaim now = withCurrent.get(key);
                AllocatedClaim then = withDraft.get(key);
                if (now == null || then == null) {
                    continue; // no rule version covers the trigger date: the nights leave it waiting too
                }
                PeriodUnit u = t.unit();
                priced.add(new PricedClaim(ClaimRecord.claimId(u.program(), u.bankCode(), u.approvalNo(), u.contractNo(),
                        u.installmentNo()), u.program(), u.bankCode(), uscc, t.firm().industryCode(), t.firm().registeredDistrict(),
                        t.triggerDate(), now.assessment().base().setScale(2), now.status().name(), now.amount(), reasons(now),
                        then.status().name(), then.amount(), reasons(then)));
            }
        }
        return priced;
    }

    /** The unit's trigger by the end of the period, with its facts; none when it is not triggered by then. */
    private Optional<Trigger> trigger(PeriodUnit unit, LedgerFacts.Facts facts, LocalDate to) {
        if (unit.program() == Program.TECH_INSURANCE) {
            TechPolicyFacts techFacts = facts.techPolicy(new TechPolicy(unit.bankCode(), unit.approvalNo()));
            return techInsurance.triggerDate(techFacts, to)
                    .map(paidInFull -> new Trigger(unit, techFacts.firm(), paidInFull, null, null, techFacts));
        }
        Approval approval = new Approval(unit.bankCode(), unit.approvalNo());
        var application = facts.applicationOf(approval);
        if (unit.program() == Program.LYD) {
            LydClaimFacts lydFacts = new LydClaimFacts(application, unit.approvalNo(), facts.contractsOf(approval),
                    facts.renewedByOtherApprovals(approval), facts.policiesOf(approval), facts.dishonestyListings(unit.uscc()));
            return lyd.settlementDate(lydFacts, to).map(settled -> new Trigger(unit, application.firm(),
                    settled, lydFacts, null, null));
        }
        Instalment paid = new Instalment(unit.bankCode(), unit.contractNo(), unit.installmentNo());
        HkzdClaimFacts hkzdFacts = new HkzdClaimFacts(application, facts.contractOf(paid), facts.instalment(paid),
                facts.dishonestyListings(unit.uscc()));
        LocalDate paidOn = hkzdFacts.instalment().paidOn();
        return paidOn.isAfter(to) ? Optional.empty()
                : Optional.of(new Trigger(unit, application.firm(), paidOn, null, hkzdFacts, null));
    }

    /** One firm's triggers assessed and capped under one set of rule versions, on top of what its earlier claims took. */
    private Map<ClaimKey, AllocatedClaim> allocate(List<Trigger> triggers, List<EarlierClaim> earlier, RuleVersions rules) {
        List<ClaimAssessment> assessments = new ArrayList<>();
        for (Trigger t : triggers) {
            rules.forTriggerDate(t.triggerDate()).ifPresent(p -> assessments.add(switch (t.unit().program()) {
                case LYD -> lyd.assess(t.lydFacts(), t.triggerDate(), p);
                case HKZD -> hkzd.assess(t.hkzdFacts(), p);
                case TECH_INSURANCE -> techInsurance.assess(t.techFacts(), t.triggerDate(), p);
            }));
        }
        Map<CapBucket, BigDecimal> taken = new HashMap<>();
        for (EarlierClaim claim : earlier) {
            Optional<RuleParameters> p = rules.forTriggerDate(claim.triggerDate());
            if (p.isEmpty()) {
                continue;
            }
            List<CapBucket> buckets = switch (claim.program()) {
                case LYD -> List.of(CapBucket.lydSubsidyYear(claim.uscc(), SubsidyYearPolicy.subsidyYearOf(claim.triggerDate(), p.get())));
                case HKZD -> List.of(CapBucket.hkzdCalendarYear(claim.uscc(), claim.triggerDate().getYear()),
                        CapBucket.hkzdLifetime(claim.uscc()));
                // a policy's own cap is its one claim's: only the firm's year is shared
                case TECH_INSURANCE -> List.of(CapBucket.techCalendarYear(claim.uscc(), claim.triggerDate().getYear()));
            };
            buckets.forEach(bucket -> taken.merge(bucket, claim.amount(), BigDecimal::add));
        }
        Map<ClaimKey, AllocatedClaim> allocated = new HashMap<>();
        caps.allocate(assessments, taken).claims().forEach(c -> allocated.put(c.assessment().key(), c));
        return allocated;
    }

    private static ClaimKey key(PeriodUnit unit) {
        return switch (unit.program()) {
            case LYD -> new ClaimKey.Lyd(unit.bankCode(), unit.approvalNo());
            case HKZD -> new ClaimKey.Hkzd(unit.bankCode(), unit.contractNo(), unit.installmentNo());
            case TECH_INSURANCE -> new ClaimKey.TechInsurance(unit.bankCode(), unit.approvalNo());
        };
    }

    private static String reasons(AllocatedClaim claim) {
        return claim.reasons().stream().map(ReasonCode::name).collect(Collectors.joining(";"));
    }
}
