package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.programs.ProgramDefinition;
import cn.shanghai.techfinance.subsidy.programs.ProgramDefinitions;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleVersions;
import cn.shanghai.techfinance.subsidy.rules.cap.AllocatedClaim;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocator;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.EarlierClaim;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.PricedClaim;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    private final CapAllocator caps = new CapAllocator();
    private final WhatIfStore store;
    private final LedgerFacts ledger;

    WhatIfPricing(WhatIfStore store, LedgerFacts ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    /** A trigger as the ledger shows it: the unit, its firm as its facts describe it, its trigger date. */
    private record Trigger(ClaimUnit unit, FirmSnapshot firm, LocalDate triggerDate) {
    }

    List<PricedClaim> price(List<String> firms, LocalDate from, LocalDate to, RuleVersions current, RuleVersions draft) {
        List<ClaimUnit> units = store.unitsIn(firms, from, to);
        LedgerFacts.Request request = new LedgerFacts.Request();
        units.forEach(unit -> ProgramDefinitions.of(unit.program()).request(unit, request));
        LedgerFacts.Facts facts = ledger.load(request);
        Set<String> usccs = units.stream().map(ClaimUnit::uscc).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, List<EarlierClaim>> earlier = store.earlierClaims(usccs, from).stream()
                .collect(Collectors.groupingBy(EarlierClaim::uscc));
        Map<String, List<Trigger>> byFirm = new HashMap<>();
        for (ClaimUnit unit : units) {
            ProgramDefinition program = ProgramDefinitions.of(unit.program());
            program.triggerDate(unit, facts, to).filter(t -> !t.isBefore(from))
                    .ifPresent(t -> byFirm.computeIfAbsent(unit.uscc(), k -> new ArrayList<>())
                            .add(new Trigger(unit, program.firm(unit, facts), t)));
        }
        List<PricedClaim> priced = new ArrayList<>();
        for (String uscc : usccs) {
            List<Trigger> triggers = byFirm.getOrDefault(uscc, List.of());
            List<EarlierClaim> before = earlier.getOrDefault(uscc, List.of());
            Map<ClaimKey, AllocatedClaim> withCurrent = allocate(triggers, before, facts, current);
            Map<ClaimKey, AllocatedClaim> withDraft = allocate(triggers, before, facts, draft);
            for (Trigger t : triggers) {
                ClaimUnit u = t.unit();
                ClaimKey key = ProgramDefinitions.of(u.program()).key(u);
                AllocatedClaim now = withCurrent.get(key);
                AllocatedClaim then = withDraft.get(key);
                if (now == null || then == null) {
                    continue; // no rule version covers the trigger date: the nights leave it waiting too
                }
                priced.add(new PricedClaim(ClaimRecord.claimId(u.program(), u.bankCode(), u.approvalNo(), u.contractNo(),
                        u.installmentNo()), u.program(), u.bankCode(), uscc, t.firm().industryCode(), t.firm().registeredDistrict(),
                        t.triggerDate(), now.assessment().base().setScale(2), now.status().name(), now.amount(), reasons(now),
                        then.status().name(), then.amount(), reasons(then)));
            }
        }
        return priced;
    }

    /** One firm's triggers assessed and capped under one set of rule versions, on top of what its earlier claims took. */
    private Map<ClaimKey, AllocatedClaim> allocate(List<Trigger> triggers, List<EarlierClaim> earlier, LedgerFacts.Facts facts,
                                                   RuleVersions rules) {
        List<ClaimAssessment> assessments = new ArrayList<>();
        for (Trigger t : triggers) {
            rules.forTriggerDate(t.triggerDate()).ifPresent(p -> assessments.add(
                    ProgramDefinitions.of(t.unit().program()).assess(t.unit(), facts, t.triggerDate(), p)));
        }
        Map<CapBucket, BigDecimal> taken = new HashMap<>();
        for (EarlierClaim claim : earlier) {
            rules.forTriggerDate(claim.triggerDate()).ifPresent(p -> ProgramDefinitions.of(claim.program())
                    .sharedCapBuckets(claim.uscc(), claim.triggerDate(), p)
                    .forEach(bucket -> taken.merge(bucket, claim.amount(), BigDecimal::add)));
        }
        Map<ClaimKey, AllocatedClaim> allocated = new HashMap<>();
        caps.allocate(assessments, taken).claims().forEach(c -> allocated.put(c.assessment().key(), c));
        return allocated;
    }

    private static String reasons(AllocatedClaim claim) {
        return claim.reasons().stream().map(ReasonCode::name).collect(Collectors.joining(";"));
    }
}
