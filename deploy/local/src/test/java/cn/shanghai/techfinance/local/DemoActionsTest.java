package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.local.DemoActions.Claim;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's actions file, made against a stand-in of the system (claims computed on their trigger
 * date, published, confirmed and settled as the lines say): its order, its dates (working days of
 * the calendars subsidy-batch loads, read here from its migration), who does what.
 */
class DemoActionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate FROM = LocalDate.of(2024, 6, 1);
    private static final LocalDate THROUGH = LocalDate.of(2027, 5, 31);

    /** The 2025 and 2026 calendars as migration V4 loads them. */
    static DemoActions.Calendar loadedCalendar() throws IOException {
        String sql = Files.readString(Path.of("../../subsidy-batch/src/main/resources/db/migration/subsidy/V4__working_day_calendar.sql"),
                StandardCharsets.UTF_8);
        Set<Integer> years = new TreeSet<>();
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        Matcher day = Pattern.compile("\\((\\d{4}), '(\\d{4}-\\d{2}-\\d{2})', '(HOLIDAY|WORKDAY)'\\)").matcher(sql);
        while (day.find()) {
            years.add(Integer.valueOf(day.group(1)));
            (day.group(3).equals("HOLIDAY") ? holidays : workdays).add(LocalDate.parse(day.group(2)));
        }
        assertThat(years).containsExactly(2025, 2026);
        return new DemoActions.Calendar(years, holidays, workdays);
    }

    /** A few claims of each programme triggered in each month; they exist once their trigger date's night has run. */
    private static final class System implements DemoActions.Live {
        final Map<String, String[]> state = new TreeMap<>(); // key -> {status, publishedOn}
        final List<Claim> all = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        /** Each settlement's programme and its claims (keys), in order of preparation. */
        final List<Map.Entry<String, List<String>>> settlements = new ArrayList<>();
        final Map<String, String> usccOf = new TreeMap<>();

        System() {
            int n = 0;
            for (LocalDate month = FROM; month.isBefore(THROUGH); month = month.plusMonths(1)) {
                for (int i = 0; i < 4; i++, n++) {
                    String uscc = Uscc.withCheckCharacter("91310115MA" + String.format("%07d", n % 30));
                    boolean lyd = i % 2 == 0;
                    usccOf.put((lyd ? "LYD_PREMIUM" : "HKZD_INTEREST") + " BANK" + (i % 2) + " " + (lyd ? "P" + n : "") + " " + (lyd ? "" : "C" + n), uscc);
                    all.add(new Claim(lyd ? "LYD_PREMIUM" : "HKZD_INTEREST", "BANK" + (i % 2), lyd ? "P" + n : "", lyd ? "" : "C" + n,
                            lyd ? null : 1, uscc, month.plusDays(i * 5), new BigDecimal("100.00"), "COMPUTED", null));
                }
            }
        }

        @Override
        public List<Claim> claimsAfterNight(LocalDate day) {
            List<Claim> now = new ArrayList<>();
            for (Claim c : all) {
                if (!c.triggerDate().isAfter(day)) {
                    String[] s = state.computeIfAbsent(ref(c), k -> new String[] {"COMPUTED", null});
                    now.add(new Claim(c.program(), c.bankCode(), c.approvalNo(), c.contractNo(), c.installmentNo(), c.uscc(), c.triggerDate(),
                            c.amount(), s[0], s[1] == null ? null : LocalDate.parse(s[1])));
                }
            }
            return now;
        }

        @Override
        public List<String> payeesOfLastSettlement() {
            return payees(settlements.size() - 1);
        }

        List<String> payees(int settlement) {
            return List.copyOf(new TreeSet<>(settlements.get(settlement).getValue().stream().map(usccOf::get).toList()));
        }

        @Override
        public void play(List<String> step) {
            for (String text : step) {
                lines.add(text);
                JsonNode line = JSON.readTree(text);
                String on = line.get("on").stringValue();
                switch (line.get("do").stringValue()) {
                    case "publish" -> claimsAfterNight(LocalDate.parse(on).minusDays(1)).stream()
                            .filter(c -> c.program().equals(line.get("program").stringValue()) && c.status().equals("COMPUTED")
                                    && !c.triggerDate().isAfter(LocalDate.parse(line.get("to").stringValue())))
                            .forEach(c -> state.put(ref(c), new String[] {"PUBLISHED", on}));
                    case "confirm" -> {
                        JsonNode claim = line.get("claim");
                        String key = claim.get("program").stringValue() + " " + claim.get("bank_code").stringValue() + " "
                                + claim.path("approval_no").asString("") + " " + claim.path("contract_no").asString("");
                        assertThat(state.get(key)[0]).as(text).isEqualTo("PUBLISHED");
                        state.get(key)[0] = "CONFIRMED";
                    }
                    case "prepareSettlement" -> {
                        String program = line.get("program").stringValue();
                        List<String> claims = state.entrySet().stream().filter(e -> e.getKey().startsWith(program + " ")
                                && e.getValue()[0].equals("CONFIRMED")).map(Map.Entry::getKey).toList();
                        claims.forEach(c -> state.get(c)[0] = "PAID");
                        settlements.add(Map.entry(program, claims));
                    }
                    case "reconcile" -> line.get("results").values().forEach(failed -> settlements.get(settlements.size() - 1).getValue()
                            .stream().filter(c -> usccOf.get(c).equals(failed.get("payee_uscc").stringValue()))
                            .forEach(c -> state.get(c)[0] = "CONFIRMED"));
                    default -> {
                    }
                }
            }
        }

        private static String ref(Claim c) {
            return c.program() + " " + c.bankCode() + " " + c.approvalNo() + " " + c.contractNo();
        }
    }

    @Test
    void eachQuarterInTheLoadedCalendarsIsPublishedConfirmedSettledApprovedAndReconciled() throws Exception {
        DemoActions.Calendar calendar = loadedCalendar();
        System system = new System();

        List<String> file = DemoActions.play(FROM, THROUGH, calendar, system);

        assertThat(file).isEqualTo(system.lines);
        // every line reads, in non-decreasing date order, none after --through
        List<Action> actions = ActionsFile.check(file, THROUGH);
        assertThat(actions).allSatisfy(a -> assertThat(a.readable()).as(a.unreadable()).isTrue());
        assertThat(actions).allSatisfy(a -> {
            assertThat(a.on().getYear()).isBetween(2025, 2026);
            assertThat(calendar.workingDay(a.on())).as(a.on() + " is a working day").isTrue();
        });

        // the first working day after each quarter of the period whose round stays in 2025–2026
        assertThat(actions.stream().filter(a -> a.name().equals("publish")).map(Action::on).distinct().toList()).containsExactly(
                LocalDate.of(2025, 1, 2), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 7, 1), LocalDate.of(2025, 10, 9),
                LocalDate.of(2026, 1, 4), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 10, 8));
        assertThat(actions.stream().filter(a -> a.name().equals("publish")).count()).isEqualTo(16);
        assertThat(actions).filteredOn(a -> a.command() instanceof Action.Publish).allSatisfy(a -> {
            Action.Publish p = (Action.Publish) a.command();
            assertThat(p.from()).isEqualTo("2024-06-01");
        });

        // who does what
        Map<String, Set<String>> whoDoes = new TreeMap<>();
        actions.forEach(a -> whoDoes.computeIfAbsent(a.name(), k -> new TreeSet<>()).add(a.as().roles() + " " + a.as().user()
                + (a.as().uscc() == null ? "" : " " + a.as().uscc())));
        assertThat(whoDoes).containsExactly(
                Map.entry("approveSettlement", Set.of("[APPROVER] li")),
                Map.entry("confirm", Set.of("[FIRM] firm")),
                Map.entry("prepareSettlement", Set.of("[OFFICER] wang")),
                Map.entry("publish", Set.of("[OFFICER] wang")),
                Map.entry("reconcile", Set.of("[OFFICER] wang")));

        // confirmations two working days after publication, a few claims left to be forfeited
        long published = system.state.values().stream().filter(s -> s[1] != null).count();
        long confirms = actions.stream().filter(a -> a.name().equals("confirm")).count();
        assertThat(confirms).isLessThan(published).isGreaterThan(published * 9 / 10);
        LocalDate publishedOn = null;
        for (Action a : actions) {
            if (a.name().equals("publish")) {
                publishedOn = a.on();
            } else if (a.name().equals("confirm")) {
                assertThat(a.on()).isEqualTo(calendar.plusWorkingDays(publishedOn, 2));
            }
        }

        // each settlement approved on its day, reconciled before the next is prepared; one payee failed each time, but the last round
        List<String> names = actions.stream().map(Action::name).filter(n -> !n.equals("publish") && !n.equals("confirm")).toList();
        assertThat(String.join(" ", names)).isEqualTo("prepareSettlement approveSettlement reconcile ".repeat(16).strip());
        List<Action.Reconcile> reconciles = actions.stream().filter(a -> a.command() instanceof Action.Reconcile)
                .map(a -> (Action.Reconcile) a.command()).toList();
        assertThat(reconciles.subList(0, 14)).allSatisfy(r -> assertThat(r.statusByPayee()).hasSize(1).containsValue("FAILED"));
        assertThat(reconciles.subList(14, 16)).allSatisfy(r -> assertThat(r.statusByPayee()).isEmpty());
        // a failed payee is in the programme's next settlement, and fails no more
        for (int s = 0; s < 14; s++) {
            String failed = reconciles.get(s).statusByPayee().keySet().iterator().next();
            assertThat(system.payees(s)).contains(failed);
            assertThat(system.payees(s + 2)).as("settlement " + (s + 3)).contains(failed);
            for (int later = s + 2; later < 16; later += 2) {
                assertThat(reconciles.get(later).statusByPayee()).doesNotContainKey(failed);
            }
        }
        assertThat(actions).filteredOn(a -> a.command() instanceof Action.PrepareSettlement).allSatisfy(a ->
                assertThat(((Action.PrepareSettlement) a.command()).from()).isEqualTo("2024-06-01"));
    }

    @Test
    void aQuarterWithNothingComputedPublishesNothing() throws Exception {
        System nothing = new System();
        nothing.all.clear();

        assertThat(DemoActions.play(FROM, THROUGH, loadedCalendar(), nothing)).isEmpty();
    }

    @Test
    void aFirmHasOnePayeeAccount() {
        String uscc = Uscc.withCheckCharacter("91310115MA1000001");
        assertThat(DemoActions.account(uscc)).matches("\\d{16}").isEqualTo(DemoActions.account(uscc));
    }
}
