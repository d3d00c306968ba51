package cn.shanghai.techfinance.local;

import static cn.shanghai.techfinance.local.SubsidyApi.APPLICATION_JSON;
import static cn.shanghai.techfinance.local.SubsidyApi.JSON;
import static cn.shanghai.techfinance.local.SubsidyApi.money;
import static cn.shanghai.techfinance.local.SubsidyApi.segment;

import cn.shanghai.techfinance.contracts.Csv;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.local.Action.Actor;
import cn.shanghai.techfinance.local.Action.ClaimRef;
import cn.shanghai.techfinance.local.SubsidyApi.Answer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays an actions file (run.sh {@code --actions}) once the events are in the ledger: before each
 * action the nights up to the day before its date, the business clock on its date, then its call
 * through the real API with a token of its own ({@link Action.Actor}). Each action's answer is a row
 * of actions.csv ({@code line,do,status,detail}): the HTTP status, and the problem's {@code detail}
 * for a refusal or a short summary for a success; a line that makes no call has 400 (unreadable) or
 * 404 (no such claim, no settlement prepared yet) and its reason. The run's own reads (finding a
 * claim, a payment file, waiting for a preparation) are an officer's, not the actor's: only the
 * action itself is put to the actor's rights.
 */
final class ActionsReplay {

    static final String HEADER = "line,do,status,detail";
    static final String SETTLEMENTS_HEADER = "id,program,state,count,total";
    private static final Duration PREPARATION_TIMEOUT = Duration.ofMinutes(10);

    /** Runs the nights still due up to a date (the local run's {@link NightPlan}, with its progress). */
    interface Nights {
        void through(LocalDate day) throws IOException, InterruptedException;
    }

    /** An action's row in actions.csv, but for its line and {@code do}. */
    record Row(int status, String detail) {
    }

    private final SubsidyApi api;
    private final LocalTokens tokens;
    private final Nights nights;
    private final StatusLine status;
    /** The banks' claims as last read: a claim's id and firm never change, so a look-up reads a bank again only on a miss. */
    private final Map<String, List<JsonNode>> claimsByBank = new HashMap<>();
    private final List<Long> prepared = new ArrayList<>();
    private final Map<Integer, Long> rowsByStatus = new TreeMap<>();
    private LocalDate clock;

    ActionsReplay(SubsidyApi api, LocalTokens tokens, Nights nights, StatusLine status) {
        this.api = api;
        this.tokens = tokens;
        this.nights = nights;
        this.status = status;
    }

    /** Plays the actions in file order, each row written to {@code actionsCsv} as soon as it is known. */
    void play(List<Action> actions, Path actionsCsv) throws IOException, InterruptedException {
        try (BufferedWriter out = Files.newBufferedWriter(actionsCsv, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            play(actions, out);
        }
    }

    /**
     * Plays the actions in order, their rows appended to {@code out} (its header already written):
     * a file played step by step (the demo's, {@link DemoActions}) has one actions.csv.
     */
    void play(List<Action> actions, Writer out) throws IOException, InterruptedException {
        int done = 0;
        for (Action action : actions) {
            status.update("actions done " + done + "/" + actions.size() + " (line " + action.line() + ": " + action.name() + ")");
            Row row = action.readable() ? act(action) : new Row(400, action.unreadable());
            rowsByStatus.merge(row.status(), 1L, Long::sum);
            out.write(Csv.line(action.line(), action.name(), row.status(), row.detail()));
            out.flush();
            done++;
        }
        status.update("actions done " + done + "/" + actions.size());
        status.end();
    }

    /** After the last action: the nights up to {@code through}, and the clock left there (for --keep). */
    void finish(LocalDate through) throws IOException, InterruptedException {
        nights.through(through);
        setClock(through);
    }

    /** Every settlement this replay prepared, in order of preparation, as it stands now. */
    String settlementsCsv() throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder(SETTLEMENTS_HEADER).append('\n');
        for (long id : prepared) {
            Answer answer = api.call("GET", "/api/v1/settlements/" + id, null, null);
            if (answer.status() != 200) {
                throw new IllegalStateException("settlement " + id + " cannot be read: HTTP " + answer.status() + " " + answer.reason());
            }
            JsonNode view = answer.json();
            csv.append(Csv.line(id, value(view, "program"), value(view, "state"), value(view, "count"), amount(view, "total")));
        }
        return csv.toString();
    }

    /** How many rows had each status, for the summary. */
    Map<Integer, Long> rowsByStatus() {
        return rowsByStatus;
    }

    /** The id of the last settlement this replay prepared, if any. */
    Optional<Long> lastPrepared() {
        return prepared.isEmpty() ? Optional.empty() : Optional.of(prepared.get(prepared.size() - 1));
    }

    int settlementsPrepared() {
        return prepared.size();
    }

    private Row act(Action action) throws IOException, InterruptedException {
        nights.through(action.on().minusDays(1));
        setClock(action.on());
        Actor as = action.as();
        if (action.command() instanceof Action.Publish p) {
            return publish(as, p);
        } else if (action.command() instanceof Action.Confirm c) {
            return confirm(as, c);
        } else if (action.command() instanceof Action.PrepareSettlement p) {
            return prepare(as, p);
        } else if (action.command() instanceof Action.ApproveSettlement) {
            return approve(as);
        } else if (action.command() instanceof Action.Reconcile r) {
            return reconcile(as, r, action.on());
        } else if (action.command() instanceof Action.RecordRecovery r) {
            return recordRecovery(as, r);
        } else if (action.command() instanceof Action.LoadCalendar l) {
            return loadCalendar(as, l);
        }
        throw new IllegalStateException("no call for " + action.command());
    }

    private Row publish(Actor as, Action.Publish p) throws IOException, InterruptedException {
        Answer answer = api.call(token(as), "POST", "/api/v1/publications", APPLICATION_JSON, period(p.program(), p.from(), p.to()));
        return row(answer, view -> value(view, "number") + ", count " + value(view, "count") + ", total " + amount(view, "total")
                + ", confirm by " + value(view, "confirmBy"));
    }

    private Row confirm(Actor as, Action.Confirm c) throws IOException, InterruptedException {
        Optional<JsonNode> claim = claim(c.claim());
        if (claim.isEmpty()) {
            return noSuch(c.claim());
        }
        String claimId = Action.text(claim.get(), "claimId");
        String uscc = Action.text(claim.get(), "uscc");
        ObjectNode payee = JSON.createObjectNode().put("payeeName", c.payeeName()).put("payeeAccount", c.payeeAccount())
                .put("payeeBank", c.payeeBank());
        Answer answer = api.call(as.identity(uscc, c.claim().bankCode()).token(tokens), "POST",
                "/api/v1/firms/" + uscc + "/claims/" + segment(claimId) + "/confirmation", APPLICATION_JSON, payee.toString());
        Row row = row(answer, view -> c.claim() + " " + value(view, "status"));
        // the rehearsal of a firm confirming another firm's claim: anything but a refusal is worth a word
        return as.otherFirmThan(uscc) && answer.status() != 403
                ? new Row(row.status(), row.detail() + " — expected 403: " + as.uscc() + " is not the claim's firm") : row;
    }

    private Row prepare(Actor as, Action.PrepareSettlement p) throws IOException, InterruptedException {
        Answer answer = api.call(token(as), "POST", "/api/v1/settlements", APPLICATION_JSON, period(p.program(), p.from(), p.to()));
        Answer done = answer.status() == 202 ? awaitPrepared(answer) : answer;
        if (!done.ok()) {
            return new Row(done.status(), done.reason());
        }
        JsonNode view = done.json();
        if (!view.path("id").isIntegralNumber()) {
            throw new IllegalStateException("a settlement prepared without an id: " + done.body());
        }
        prepared.add(view.get("id").longValue());
        return new Row(answer.status(), settlement(view));
    }

    /** Polls a preparation's {@code Location} (as the run's officer) until the settlement is PREPARED, or the poll is refused. */
    private Answer awaitPrepared(Answer accepted) throws IOException, InterruptedException {
        String location = accepted.location().orElseThrow(() -> new IllegalStateException("a settlement accepted (202) without a Location"));
        long deadline = System.nanoTime() + PREPARATION_TIMEOUT.toNanos();
        while (true) {
            Answer poll = api.call("GET", location, null, null);
            if (!poll.ok() || "PREPARED".equals(Action.text(poll.json(), "state"))) {
                return poll;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("settlement " + location + " was not PREPARED within " + PREPARATION_TIMEOUT.toMinutes()
                        + " minutes: " + poll.body());
            }
            Thread.sleep(200);
        }
    }

    private Row approve(Actor as) throws IOException, InterruptedException {
        if (prepared.isEmpty()) {
            return noSettlement();
        }
        long id = prepared.get(prepared.size() - 1);
        Answer answer = api.call(token(as), "POST", "/api/v1/settlements/" + id + "/approval", null, null);
        return row(answer, ActionsReplay::settlement);
    }

    private Row reconcile(Actor as, Action.Reconcile r, LocalDate on) throws IOException, InterruptedException {
        if (prepared.isEmpty()) {
            return noSettlement();
        }
        long id = prepared.get(prepared.size() - 1);
        Answer file = api.call("GET", "/api/v1/settlements/" + id + "/payments.csv", null, null);
        if (!file.ok()) {
            return new Row(file.status(), "the payment file of settlement " + id + ": " + file.reason());
        }
        List<BankStatement.Instruction> instructions = BankStatement.instructions(file.body());
        Set<String> missing = BankStatement.payeesNotIn(instructions, r.statusByPayee());
        if (!missing.isEmpty()) {
            return new Row(404, "settlement " + id + " has no instruction for payee " + String.join(", ", missing));
        }
        Answer answer = api.call(token(as), "POST", "/api/v1/settlements/" + id + "/reconciliation", "text/csv",
                BankStatement.body(instructions, r.statusByPayee(), on));
        return row(answer, result -> "settlement " + id + " " + value(result.get("settlement"), "state") + ": paid "
                + listed(result, "paid") + "; failed " + listed(result, "failed")
                + (size(result, "unmatched") == 0 ? "" : "; unmatched " + listed(result, "unmatched"))
                + (size(result, "unknown") == 0 ? "" : "; unknown " + listed(result, "unknown")));
    }

    private Row recordRecovery(Actor as, Action.RecordRecovery r) throws IOException, InterruptedException {
        Optional<JsonNode> claim = claim(r.claim());
        if (claim.isEmpty()) {
            return noSuch(r.claim());
        }
        Answer answer = api.call(as.identity(Action.text(claim.get(), "uscc"), r.claim().bankCode()).token(tokens), "POST",
                "/api/v1/claims/" + segment(Action.text(claim.get(), "claimId")) + "/recovery",
                r.reference() == null ? null : APPLICATION_JSON,
                r.reference() == null ? null : JSON.createObjectNode().put("reference", r.reference()).toString());
        return row(answer, view -> r.claim() + " " + value(view, "status"));
    }

    private Row loadCalendar(Actor as, Action.LoadCalendar l) throws IOException, InterruptedException {
        ObjectNode days = JSON.createObjectNode();
        l.holidays().forEach(days.putArray("holidays")::add);
        l.workdays().forEach(days.putArray("workdays")::add);
        Answer answer = api.call(token(as), "PUT", "/api/v1/calendar/" + l.year(), APPLICATION_JSON, days.toString());
        return row(answer, view -> "calendar " + l.year() + ": holidays " + view.path("holidays").size() + ", make-up working days "
                + view.path("workdays").size());
    }

    /** The claim the file names, from its bank's claims (read again when it is not among those last read). */
    private Optional<JsonNode> claim(ClaimRef ref) throws IOException, InterruptedException {
        Optional<JsonNode> known = claimsByBank.getOrDefault(ref.bankCode(), List.of()).stream().filter(ref::matches).findFirst();
        if (known.isPresent()) {
            return known;
        }
        List<JsonNode> claims = api.bankClaims(ref.bankCode());
        claimsByBank.put(ref.bankCode(), claims);
        return claims.stream().filter(ref::matches).findFirst();
    }

    private void setClock(LocalDate date) throws IOException, InterruptedException {
        if (!date.equals(clock)) {
            api.setBusinessClock(date);
            clock = date;
        }
    }

    /** The token of an action that names no claim. */
    private String token(Actor as) {
        return as.identity(null, null).token(tokens);
    }

    private static Row row(Answer answer, Function<JsonNode, String> summary) {
        return answer.ok() ? new Row(answer.status(), summary.apply(answer.json())) : new Row(answer.status(), answer.reason());
    }

    private static Row noSuch(ClaimRef claim) {
        return new Row(404, "no such claim: " + claim);
    }

    private static Row noSettlement() {
        return new Row(404, "no settlement prepared by this replay yet");
    }

    private static String period(String program, String from, String to) {
        return JSON.createObjectNode().put("program", program).put("from", from).put("to", to).toString();
    }

    /** A settlement view in a few words: id, state, count and total (as approved, or as prepared), what was left out. */
    private static String settlement(JsonNode view) {
        JsonNode leftOut = view.path("leftOut");
        return "settlement " + value(view, "id") + " " + value(view, "state") + ", count " + value(view, "count")
                + ", total " + amount(view, "total")
                + (leftOut.path("count").asLong(0) == 0 ? "" : "; left out: count " + value(leftOut, "count") + ", total " + amount(leftOut, "total"));
    }

    /** A field of an answer as text; "?" when the answer lacks it: a summary is for reading, it never stops the run. */
    private static String value(JsonNode view, String field) {
        JsonNode value = view == null ? null : view.get(field);
        return value == null || value.isNull() || value.isContainer() ? "?" : value.asString();
    }

    /** An amount of an answer with its 2 decimals; "?" when the answer lacks it. */
    private static String amount(JsonNode view, String field) {
        JsonNode value = view == null ? null : view.get(field);
        return value != null && (value.isNumber() || value.isString()) ? money(value).toPlainString() : "?";
    }

    /** A list of a reconciliation's answer as "2 (S7-00001 S7-00002)", or "0". */
    private static String listed(JsonNode result, String list) {
        return size(result, list) == 0 ? "0"
                : size(result, list) + " (" + result.get(list).values().stream().map(JsonNode::asString).collect(Collectors.joining(" ")) + ")";
    }

    private static int size(JsonNode result, String list) {
        JsonNode values = result.get(list);
        return values == null ? 0 : values.size();
    }
}
