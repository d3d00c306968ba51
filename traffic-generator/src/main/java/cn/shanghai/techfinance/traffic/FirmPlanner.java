package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.EventType;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyCleared;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyListed;
import cn.shanghai.techfinance.contracts.bank.Program;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import cn.shanghai.techfinance.contracts.bank.QualificationType;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans firm number {@code index} of a profile from its own seeded random, so any firm can be
 * (re)planned on its own, in any order, with the same result.
 */
final class FirmPlanner {

    /** subsidy-rules.md §2: tech-service firms count as tech firms for loans disbursed from this date. */
    static final LocalDate TECH_SERVICE_FROM = LocalDate.of(2025, 5, 22);

    private static final String[] SHANGHAI_DISTRICTS = {
        "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
        "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151"};
    /** Neighbours that bank in Shanghai: 苏州高新区, 昆山, 杭州西湖, 北京海淀. */
    private static final String[] OTHER_DISTRICTS = {"320505", "320583", "330106", "110108"};
    /** 计算机整机, 半导体设备, 医疗诊断设备, 生物药品, 基础软件, 应用软件, 集成电路设计, 信息系统集成. */
    private static final String[] TECH_INDUSTRIES = {"3911", "3562", "3581", "2761", "6511", "6513", "6520", "6531"};
    /** 73 研究和试验发展, 74 专业技术服务业, 75 科技推广和应用服务业. */
    private static final String[] TECH_SERVICE_INDUSTRIES = {
        "7310", "7320", "7340", "7483", "7491", "7492", "7512", "7513", "7514", "7520", "7530", "7590"};
    private static final String[] NAME_WORDS = {
        "华芯", "联影", "微创", "智元", "浦江", "东方", "申创", "临港", "张江", "漕河", "紫竹", "云鲸",
        "星环", "启明", "天数", "灵犀", "博睿", "澜起", "海迈", "极睿"};
    /** 31^7: every 7-character org code; multiplying by 1,000,003 (prime, not 31) permutes it, so indexes never collide. */
    private static final long ORG_CODE_SPACE = 27_512_614_111L;
    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final TrafficProfile profile;

    FirmPlanner(TrafficProfile profile) {
        this.profile = profile;
    }

    /** Firm {@code index}'s own random: independent of every other firm's. */
    SplittableRandom randomOf(int index) {
        return new SplittableRandom(profile.seed() * 0x9E3779B97F4A7C15L + index);
    }

    FirmPlan plan(int index, SplittableRandom r) {
        // Edge cases spread evenly over the firm numbers; each kind alternates its two variants.
        long edgeBefore = (long) Math.floor(index * profile.edgeCaseShare());
        long edgeAfter = (long) Math.floor((index + 1) * profile.edgeCaseShare());
        Scenario scenario = Scenario.ORDINARY;
        boolean variant = false;
        if (edgeAfter > edgeBefore) {
            scenario = Scenario.EDGE_CASES[(int) (edgeBefore % Scenario.EDGE_CASES.length)];
            variant = (edgeBefore / Scenario.EDGE_CASES.length) % 2 == 1;
        }
        LocalDate onboardedOn = onboarding(scenario, variant, r);
        String mainBank = profile.bankCodes().get(r.nextInt(profile.bankCodes().size()));

        boolean shanghai = scenario != Scenario.NOT_SHANGHAI;
        String district = shanghai ? pick(SHANGHAI_DISTRICTS, r) : pick(OTHER_DISTRICTS, r);
        boolean techService = scenario == Scenario.TECH_SERVICE_WITHOUT_QUALIFICATION
                || (scenario == Scenario.ORDINARY && r.nextDouble() < 0.2);
        String industry = techService ? pick(TECH_SERVICE_INDUSTRIES, r) : pick(TECH_INDUSTRIES, r);

        int employees = r.nextInt(8, 451);
        BigDecimal revenue = tenThousands(r.nextInt(200, 18_001));
        BigDecimal assets = tenThousands(r.nextInt(100, 15_001));
        if (scenario == Scenario.OVERSIZED && variant) {
            employees = r.nextInt(520, 3_001);
        } else if (scenario == Scenario.OVERSIZED) {
            revenue = tenThousands(r.nextInt(25_000, 90_001));
            assets = tenThousands(r.nextInt(21_000, 60_001));
        } else if (scenario == Scenario.CAPS_CROSSED) {
            // big borrowers that still pass the SME size test, so their claims are eligible
            employees = r.nextInt(200, 481);
            revenue = tenThousands(r.nextInt(15_000, 19_501));
            assets = tenThousands(r.nextInt(15_000, 19_501));
        }

        List<Qualification> qualifications = switch (scenario) {
            case TECH_SERVICE_WITHOUT_QUALIFICATION -> List.of();
            case EXPIRED_QUALIFICATION -> {
                LocalDate validFrom = onboardedOn.minusDays(r.nextInt(400, 701));
                yield List.of(new Qualification(QualificationType.TSME, certNo(QualificationType.TSME, validFrom, district, r),
                        validFrom, validFrom.plusYears(1).minusDays(1)));
            }
            default -> heldQualifications(onboardedOn, district, r);
        };

        String city = switch (district.substring(0, 2)) {
            case "31" -> "上海";
            case "32" -> district.equals("320583") ? "昆山" : "苏州";
            case "33" -> "杭州";
            default -> "北京";
        };
        String name = city + pick(NAME_WORDS, r) + pick(NAME_WORDS, r) + (techService ? "技术服务" : "科技") + "有限公司";
        return new FirmPlan(index, scenario, variant, mainBank, onboardedOn, uscc(index, district), name, industry, district,
                employees, revenue, assets, qualifications);
    }

    List<LoanPlan> loans(FirmPlan firm, SplittableRandom r) {
        boolean bigBorrower = firm.scenario() == Scenario.CAPS_CROSSED;
        int count = bigBorrower
                ? Math.max(5, profile.maxLoansPerFirm())
                : r.nextInt(profile.minLoansPerFirm(), profile.maxLoansPerFirm() + 1);
        LocalDate lastApplication = profile.until().minusDays(30);
        List<LoanPlan> loans = new ArrayList<>();
        LocalDate appliedOn = firm.onboardedOn();
        for (int number = 1; number <= count && (number == 1 || !appliedOn.isAfter(lastApplication)); number++) {
            Scenario scenario = number == 1 || bigBorrower ? firm.scenario() : Scenario.ORDINARY;
            Program program = programOf(firm, scenario, number, r);
            String bank = r.nextDouble() < 0.8
                    ? firm.mainBank()
                    : profile.bankCodes().get(r.nextInt(profile.bankCodes().size()));
            boolean firstLoan = number == 1 && r.nextDouble() < 0.35;
            loans.add(new LoanPlan(firm, number, bank, program, firstLoan, appliedOn, scenario, r.split()));
            // big borrowers apply in quick succession so several claims fall into one cap period
            appliedOn = appliedOn.plusDays(bigBorrower ? r.nextInt(20, 61) : r.nextInt(120, 451));
        }
        return loans;
    }

    /** The credit platform's listing (and, for the second variant, clearing) of a dishonest firm. */
    List<BankEvent> creditPlatformEvents(FirmPlan firm, List<LoanPlan> loans, SplittableRandom r) {
        if (firm.scenario() != Scenario.DISHONESTY_LISTED || loans.isEmpty()) {
            return List.of();
        }
        EventIds ids = new EventIds(r.split());
        List<BankEvent> events = new ArrayList<>();
        LocalDate listedOn = loans.get(0).appliedOn().plusDays(r.nextInt(45, 201));
        events.add(creditEvent(ids, listedOn, new FirmDishonestyListed(firm.uscc(), listedOn), r));
        if (firm.variant()) {
            LocalDate clearedOn = listedOn.plusDays(r.nextInt(90, 366));
            events.add(creditEvent(ids, clearedOn, new FirmDishonestyCleared(firm.uscc(), clearedOn), r));
        }
        return events.stream().filter(e -> !e.time().toLocalDate().isAfter(profile.until())).toList();
    }

    private BankEvent creditEvent(EventIds ids, LocalDate on, EventData data, SplittableRandom r) {
        return new BankEvent(ids.next(), EventSource.CREDIT_PLATFORM, BusinessClock.at(on, EventType.of(data), r), data);
    }

    private Program programOf(FirmPlan firm, Scenario scenario, int number, SplittableRandom r) {
        boolean lyd = r.nextDouble() < profile.lydShare();
        return switch (scenario) {
            case OVERSIZED, OUT_OF_WINDOW, PREMIUM_AFTER_SETTLEMENT, POLICY_CANCELLED -> Program.LYD;
            case RATE_ABOVE_CAP -> Program.HKZD;
            case OVERDUE, DEFAULTED -> firm.variant() ? Program.LYD : Program.HKZD;
            case CAPS_CROSSED -> number % 2 == 1 ? Program.LYD : Program.HKZD;
            default -> lyd ? Program.LYD : Program.HKZD;
        };
    }

    private LocalDate onboarding(Scenario scenario, boolean variant, SplittableRandom r) {
        LocalDate from = profile.from();
        LocalDate until = profile.until();
        return switch (scenario) {
            case ORDINARY -> dateBetween(from, until.minusMonths(3), r);
            case OUT_OF_WINDOW -> dateBetween(from, from.plusDays(6), r);
            case TECH_SERVICE_WITHOUT_QUALIFICATION -> variant
                    ? dateBetween(max(from, TECH_SERVICE_FROM), until.minusMonths(18), r)
                    : dateBetween(from, TECH_SERVICE_FROM.minusDays(45), r);
            case CAPS_CROSSED -> dateBetween(from, until.minusMonths(30), r);
            default -> dateBetween(from, until.minusMonths(18), r); // room for the whole first loan
        };
    }

    /** Certificates renewed back to back from before the firm's first loan until well after the run. */
    private List<Qualification> heldQualifications(LocalDate onboardedOn, String district, SplittableRandom r) {
        QualificationType[] types = QualificationType.values();
        QualificationType primary = r.nextDouble() < 0.5 ? QualificationType.HNTE : types[r.nextInt(types.length)];
        LocalDate coverUntil = profile.until().plusYears(4);
        List<Qualification> held = new ArrayList<>(chain(primary, onboardedOn.minusDays(r.nextInt(10, 700)), coverUntil, district, r));
        if (primary != QualificationType.TSME && r.nextDouble() < 0.3) {
            held.addAll(chain(QualificationType.TSME, onboardedOn.minusDays(r.nextInt(10, 300)), coverUntil, district, r));
        }
        return held;
    }

    private static List<Qualification> chain(QualificationType type, LocalDate firstFrom, LocalDate coverUntil,
                                             String district, SplittableRandom r) {
        int years = type == QualificationType.TSME ? 1 : 3; // 科技型中小企业 is registered yearly
        List<Qualification> certificates = new ArrayList<>();
        for (LocalDate from = firstFrom; !from.isAfter(coverUntil); from = from.plusYears(years)) {
            certificates.add(new Qualification(type, certNo(type, from, district, r), from, from.plusYears(years).minusDays(1)));
        }
        return certificates;
    }

    private static String certNo(QualificationType type, LocalDate from, String district, SplittableRandom r) {
        int year = from.getYear();
        int serial = r.nextInt(1, 100_000);
        return switch (type) {
            case HNTE -> String.format("GR%d%s%05d", year, district.substring(0, 2), serial);
            case TSME -> String.format("%d%sA%05d", year, district, serial);
            case LITTLE_GIANT -> String.format("KJXJR-%d-%05d", year, serial);
            case SRDI -> String.format("ZJTX-%d-%05d", year, serial);
            case SRDI_GIANT -> String.format("ZJTXXJR-%d-%05d", year, serial);
        };
    }

    /** 9 (工商) 1 (企业), district, "MA" + a permutation of the firm index: unique per firm, check character last. */
    private String uscc(int index, String district) {
        long code = Math.floorMod(index * 1_000_003L + profile.seed(), ORG_CODE_SPACE);
        StringBuilder org = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            org.append(USCC_ALPHABET.charAt((int) (code % 31)));
            code /= 31;
        }
        return Uscc.withCheckCharacter("91" + district + "MA" + org);
    }

    private static BigDecimal tenThousands(int count) {
        return BigDecimal.valueOf(count * 10_000L).setScale(2);
    }

    private static LocalDate dateBetween(LocalDate from, LocalDate to, SplittableRandom r) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(r.nextLong(days + 1));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String pick(String[] values, SplittableRandom r) {
        return values[r.nextInt(values.length)];
    }
}
