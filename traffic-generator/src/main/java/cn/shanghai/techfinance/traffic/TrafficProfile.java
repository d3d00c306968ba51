package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.BankCode;
import java.time.LocalDate;
import java.util.List;

/**
 * What traffic to generate. The same profile always yields the same events, byte for byte.
 *
 * @param seed             drives every choice; change it for another, equally plausible, book of loans
 * @param bankCodes        the lending banks; each firm mostly borrows from one of them
 * @param firms            how many firms apply for loans
 * @param from             the first business date of the run
 * @param years            the run's length; events after {@link #until()} are not generated (loans stay open)
 * @param lydShare         share of ordinary loans that are 科技履约贷 (LYD); the rest are 沪科专贷 (HKZD)
 * @param minLoansPerFirm  fewest applications per firm
 * @param maxLoansPerFirm  most applications per firm (cap-crossing firms take at least 5)
 * @param edgeCaseShare    share of firms that play one of the {@link Scenario} edge cases, spread evenly
 * @param malformedShare   chance, after each event, of an extra line that breaks the contract (0 = none)
 * @param insurerCodes     insurers issuing tech-insurance policies (科技保险) to the firms; none (the default): no insurer traffic
 */
public record TrafficProfile(
        long seed,
        List<String> bankCodes,
        int firms,
        LocalDate from,
        int years,
        double lydShare,
        int minLoansPerFirm,
        int maxLoansPerFirm,
        double edgeCaseShare,
        double malformedShare,
        List<String> insurerCodes) {

    public static final long DEFAULT_SEED = 20240601L;
    public static final List<String> DEFAULT_BANKS = List.of("ICBC-SH", "BOC-SH", "SPDB-SH", "BOSC-SH");

    public TrafficProfile {
        bankCodes = List.copyOf(bankCodes);
        insurerCodes = List.copyOf(insurerCodes);
        if (!insurerCodes.stream().allMatch(BankCode::isValid) || insurerCodes.stream().anyMatch(bankCodes::contains)) {
            throw new IllegalArgumentException("insurer codes must be valid and no bank's (one namespace): " + insurerCodes);
        }
        if (bankCodes.isEmpty() || !bankCodes.stream().allMatch(BankCode::isValid)) {
            throw new IllegalArgumentException("need at least one valid bank code: " + bankCodes);
        }
        if (firms < 1 || years < 1) {
            throw new IllegalArgumentException("firms and years must be at least 1");
        }
        if (minLoansPerFirm < 1 || maxLoansPerFirm < minLoansPerFirm) {
            throw new IllegalArgumentException("need 1 <= minLoansPerFirm <= maxLoansPerFirm");
        }
        requireShare("lydShare", lydShare);
        requireShare("edgeCaseShare", edgeCaseShare);
        requireShare("malformedShare", malformedShare);
    }

    /** Three years from 2024-06-01 (so a few LYD loans settle before SY2025 opens), 300 firms, a quarter of them edge cases. */
    public static TrafficProfile defaults() {
        return new TrafficProfile(DEFAULT_SEED, DEFAULT_BANKS, 300, LocalDate.of(2024, 6, 1), 3, 0.5, 1, 3, 0.25, 0.0, List.of());
    }

    /** The last business date of the run. */
    public LocalDate until() {
        return from.plusYears(years).minusDays(1);
    }

    public TrafficProfile withSeed(long seed) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    public TrafficProfile withFirms(int firms) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    public TrafficProfile withFrom(LocalDate from) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    public TrafficProfile withYears(int years) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    public TrafficProfile withBankCodes(List<String> bankCodes) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    public TrafficProfile withEdgeCaseShare(double edgeCaseShare) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    public TrafficProfile withMalformedShare(double malformedShare) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    /** Insurers (科技保险) beside the banks: some firms take a tech-insurance policy from one of them. */
    public TrafficProfile withInsurerCodes(List<String> insurerCodes) {
        return new TrafficProfile(seed, bankCodes, firms, from, years, lydShare, minLoansPerFirm, maxLoansPerFirm, edgeCaseShare, malformedShare, insurerCodes);
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0.0 && share <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + share);
        }
    }
}
