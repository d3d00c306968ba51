package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.Csv;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's actions file, made from the demo's own claims as the replay goes: for each calendar
 * quarter of the generated period whose whole round falls in a loaded calendar year, and for each
 * programme —
 *
 * <ul>
 *   <li>P, the first working day after the quarter: OFFICER wang publishes the programme's claims
 *       triggered from the period's start to the quarter's end (only what was computed since is taken);
 *   <li>two working days later every firm confirms its published claims with a payee account, but
 *       every {@value #UNCONFIRMED_EVERY}th claim, which the night after its deadline forfeits;
 *   <li>a week after P, wang prepares the LYD_PREMIUM settlement of everything confirmed from the
 *       period's start to the quarter's end, and APPROVER li approves it; ten days later wang
 *       reconciles it, one payee of its payment file FAILED (its claims go back to CONFIRMED and
 *       the next quarter's settlement, whose period also starts at the period's start, pays them:
 *       a payee that failed once never fails again, and a settlement of one payee fails none); then
 *       the HKZD_INTEREST settlement the same way, then TECH_INSURANCE_PREMIUM's (approve and
 *       reconcile act on the last settlement prepared, so the programmes take turns); the last
 *       round fails no payee.
 * </ul>
 *
 * Which claims there are to confirm, and which payees a settlement pays, is only known once the
 * nights have run: so the file is made step by step, each step played before the next is written
 * ({@link Live}), and what it says depends only on the events — replaying events.jsonl with the
 * actions.jsonl written gives the same answers. A quarter whose round would leave the loaded
 * calendars (a deadline in an unloaded year is refused) is left out: the 2027 calendar is not
 * published yet, and nothing of 2024 is loaded.
 */
final class DemoActions {

    static final String OFFICER = "wang";
    static final String APPROVER = "li";
    static final List<String> PROGRAMS = List.of("LYD_PREMIUM", "HKZD_INTEREST", "TECH_INSURANCE_PREMIUM");
    /** Every so many published claims one is left unconfirmed: it is forfeited. */
    static final int UNCONFIRMED_EVERY = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoActions() {
    }

    /** A claim as the claims export has it, as far as the demo's actions need it. */
    record Claim(String program, String bankCode, String approvalNo, String contractNo, Integer installmentNo, String uscc,
                 LocalDate triggerDate, BigDecimal amount, String status, LocalDate publishedOn) {

        static List<Claim> fromExport(String csv) {
            List<List<String>> rows = Csv.read(csv);
            List<String> h = rows.get(0);
            List<Claim> claims = new ArrayList<>();
            for (List<String> r : rows.subList(1, rows.size())) {
                String installment = r.get(h.indexOf("installment_no"));
                String published = r.get(h.indexOf("published_on"));
                claims.add(new Claim(r.get(h.indexOf("program")), r.get(h.indexOf("bank_code")), r.get(h.indexOf("approval_no")),
                        r.get(h.indexOf("contract_no")), installment.isEmpty() ? null : Integer.valueOf(installment),
                        r.get(h.indexOf("uscc")), LocalDate.parse(r.get(h.indexOf("trigger_date"))), new BigDecimal(r.get(h.indexOf("amount"))),
                        r.get(h.indexOf("status")), published.isEmpty() ? null : LocalDate.parse(published)));
            }
            return claims;
        }

        private String key() {
            return program + " " + bankCode + " " + approvalNo + " " + contractNo + " " + installmentNo;
        }
    }

    /** The working-day calendar of the loaded years, as subsidy-batch has it. */
    record Calendar(Set<Integer> years, Set<LocalDate> holidays, Set<LocalDate> workdays) {

        boolean loaded(LocalDate day) {
            return years.contains(day.getYear());
        }

        boolean workingDay(LocalDate day) {
            return workdays.contains(day)
                    || (!holidays.contains(day) && day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
        }

        /** The first working day on or after {@code day}. */
        LocalDate workingDayFrom(LocalDate day) {
            LocalDate d = day;
            while (!workingDay(d)) {
                d = d.plusDays(1);
            }
            return d;
        }

        /** The {@code n}th working day after {@code day}. */
        LocalDate plusWorkingDays(LocalDate day, int n) {
            LocalDate d = day;
            for (int i = 0; i < n; i++) {
                d = workingDayFrom(d.plusDays(1));
            }
            return d;
        }
    }

    /** The running system, between the steps: the steps are played, and what they left read. */
    interface Live {
        /** Runs the nights up to {@code day} (those not yet run), then the claims export through it. */
        List<Claim> claimsAfterNight(LocalDate day) throws IOException, InterruptedException;

        /** The payees of the payment file of the settlement last prepared, in the file's order. */
        List<String> payeesOfLastSettlement() throws IOException, InterruptedException;

        /** Plays these lines of the actions file (appended to it), in order. */
        void play(List<String> lines) throws IOException, InterruptedException;
    }

    /** One programme's settlement round of a quarter. */
    /**
     * A quarter's dates: programme {@code p} of {@link #PROGRAMS} prepares and approves its settlement
     * on {@code settlements[p]} and reconciles it on {@code settlements[p + 1]}, the day the next
     * programme prepares.
     */
    private record Round(LocalDate publish, LocalDate confirm, List<LocalDate> settlements) {

        List<LocalDate> all() {
            List<LocalDate> all = new ArrayList<>(List.of(publish, confirm));
            all.addAll(settlements);
            return all;
        }
    }

    private static Round round(LocalDate quarterEnd, Calendar calendar) {
        LocalDate publish = calendar.workingDayFrom(quarterEnd.plusDays(1));
        LocalDate confirm = calendar.plusWorkingDays(publish, 2);
        List<LocalDate> settlements = new ArrayList<>(List.of(calendar.workingDayFrom(publish.plusDays(7))));
        while (settlements.size() <= PROGRAMS.size()) {
            settlements.add(calendar.workingDayFrom(settlements.get(settlements.size() - 1).plusDays(10)));
        }
        return new Round(publish, confirm, List.copyOf(settlements));
    }

    /** The quarters' ends whose round is played: every date of it (and the deadline) in a loaded year, none after {@code through}. */
    static List<LocalDate> quarterEnds(LocalDate from, LocalDate through, Calendar calendar) {
        List<LocalDate> ends = new ArrayList<>();
        LocalDate start = from.withDayOfMonth(1).withMonth(((from.getMonthValue() - 1) / 3) * 3 + 1);
        for (LocalDate q = start; !q.isAfter(through); q = q.plusMonths(3)) {
            LocalDate end = q.plusMonths(3).minusDays(1);
            if (!calendar.loaded(end.plusDays(1))) {
                continue;
            }
            Round round = round(end, calendar);
            // the confirmation deadline, 3 working days after publication, must be in a loaded year too
            boolean inside = round.all().stream().allMatch(d -> calendar.loaded(d) && !d.isAfter(through))
                    && calendar.loaded(calendar.plusWorkingDays(round.publish(), 3));
            if (inside) {
                ends.add(end);
            }
        }
        return ends;
    }

    /** Makes and plays the demo's actions; returns every line, in file order. */
    static List<String> play(LocalDate from, LocalDate through, Calendar calendar, Live live) throws IOException, InterruptedException {
        List<String> file = new ArrayList<>();
        List<LocalDate> ends = quarterEnds(from, through, calendar);
        boolean[] failedPending = new boolean[PROGRAMS.size()];
        List<Set<String>> failedBefore = PROGRAMS.stream().<Set<String>>map(p -> new TreeSet<>()).toList();
        for (int q = 0; q < ends.size(); q++) {
            LocalDate end = ends.get(q);
            boolean last = q == ends.size() - 1;
            Round round = round(end, calendar);

            // publication: what the night before computed, above 0.00, not yet published
            List<Claim> before = live.claimsAfterNight(round.publish().minusDays(1));
            List<String> step = new ArrayList<>();
            for (String program : PROGRAMS) {
                boolean due = before.stream().anyMatch(c -> c.program().equals(program) && c.status().equals("COMPUTED")
                        && c.amount().signum() > 0 && !c.triggerDate().isBefore(from) && !c.triggerDate().isAfter(end));
                if (due) {
                    step.add(publish(round.publish(), program, from, end));
                }
            }
            play(live, file, step);

            // confirmations: the claims of today's lists still PUBLISHED the night before, but a few
            List<Claim> published = live.claimsAfterNight(round.confirm().minusDays(1)).stream()
                    .filter(c -> "PUBLISHED".equals(c.status()) && round.publish().equals(c.publishedOn()))
                    .sorted(Comparator.comparing(Claim::key)).toList();
            boolean[] confirmed = new boolean[PROGRAMS.size()];
            for (int c = 0; c < published.size(); c++) {
                if (c % UNCONFIRMED_EVERY == UNCONFIRMED_EVERY - 1) {
                    continue;
                }
                step.add(confirm(round.confirm(), published.get(c)));
                confirmed[PROGRAMS.indexOf(published.get(c).program())] = true;
            }

            // the settlements, one programme after the other
            for (int i = 0; i < PROGRAMS.size(); i++) {
                int p = i;
                if (!confirmed[p] && !failedPending[p]) {
                    continue;
                }
                step.add(prepare(round.settlements().get(p), PROGRAMS.get(p), from, end));
                step.add(approve(round.settlements().get(p)));
                play(live, file, step);
                // no payees: the preparation or the approval was refused (actions.csv says why), nothing to reconcile
                List<String> payees = live.payeesOfLastSettlement();
                if (!payees.isEmpty()) {
                    // one payee fails, never one that failed before (this settlement pays it) nor the only one
                    String failing = last || payees.size() < 2 ? null
                            : payees.stream().filter(payee -> !failedBefore.get(p).contains(payee)).findFirst().orElse(null);
                    if (failing != null) {
                        failedBefore.get(p).add(failing);
                    }
                    failedPending[p] = failing != null;
                    step.add(reconcile(round.settlements().get(p + 1), failing));
                }
            }
            play(live, file, step);
        }
        return file;
    }

    private static void play(Live live, List<String> file, List<String> step) throws IOException, InterruptedException {
        if (step.isEmpty()) {
            return;
        }
        live.play(List.copyOf(step));
        file.addAll(step);
        step.clear();
    }

    static String publish(LocalDate on, String program, LocalDate from, LocalDate to) {
        return line(on, "OFFICER", OFFICER, "publish").put("program", program).put("from", from.toString()).put("to", to.toString()).toString();
    }

    static String confirm(LocalDate on, Claim claim) {
        ObjectNode line = line(on, "FIRM", null, "confirm");
        ObjectNode ref = line.putObject("claim").put("program", claim.program()).put("bank_code", claim.bankCode());
        if (claim.program().equals("HKZD_INTEREST")) {
            ref.put("contract_no", claim.contractNo()).put("installment_no", claim.installmentNo());
        } else {
            ref.put("approval_no", claim.approvalNo()); // an LYD approval, or a 科技保险 policy
        }
        line.putObject("payee").put("name", "示范企业 " + claim.uscc()).put("account", account(claim.uscc()))
                .put("bank", claim.bankCode() + " 上海分行");
        return line.toString();
    }

    /** A firm's one payee account, 16 digits made from its USCC: the same at each confirmation. */
    static String account(String uscc) {
        return "6222" + String.format("%012d", Math.floorMod((long) uscc.hashCode() * 7919L, 1_000_000_000_000L));
    }

    static String prepare(LocalDate on, String program, LocalDate from, LocalDate to) {
        return line(on, "OFFICER", OFFICER, "prepareSettlement").put("program", program).put("from", from.toString()).put("to", to.toString())
                .toString();
    }

    static String approve(LocalDate on) {
        return line(on, "APPROVER", APPROVER, "approveSettlement").toString();
    }

    /** {@code failing}: the payee whose instructions failed, null for none. */
    static String reconcile(LocalDate on, String failing) {
        ObjectNode line = line(on, "OFFICER", OFFICER, "reconcile");
        ArrayNode results = line.putArray("results");
        if (failing != null) {
            results.addObject().put("payee_uscc", failing).put("status", "FAILED");
        }
        return line.toString();
    }

    private static ObjectNode line(LocalDate on, String role, String user, String name) {
        ObjectNode line = JSON.createObjectNode().put("on", on.toString());
        ObjectNode as = line.putObject("as").put("role", role);
        if (user != null) {
            as.put("user", user);
        }
        line.put("do", name);
        return line;
    }

    /** The distinct payees of a payment file, in its order. */
    static List<String> payees(String paymentsCsv) {
        Set<String> seen = new TreeSet<>();
        List<String> payees = new ArrayList<>();
        for (BankStatement.Instruction i : BankStatement.instructions(paymentsCsv)) {
            if (seen.add(i.payeeUscc())) {
                payees.add(i.payeeUscc());
            }
        }
        return payees;
    }
}
