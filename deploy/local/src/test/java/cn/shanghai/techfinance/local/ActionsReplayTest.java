package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.infra.LocalTokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The player's side of the actions replay, against a stand-in for subsidy-batch that answers as
 * the API table of issue 10 says (the real service is checked by the local run's end-to-end test):
 * which calls it makes in which order — nights, business clock, the action with its actor's token,
 * the run's own look-ups as an officer — and the row each answer becomes.
 */
class ActionsReplayTest {

    private static final String BANK = "LOCAL-SH";
    private static final String FIRM = Uscc.withCheckCharacter("91310115MA1000001");
    private static final String OTHER_FIRM = Uscc.withCheckCharacter("91310115MA1000002");
    private static final String CLAIM_PATH = "LYD_PREMIUM%3ALOCAL-SH%3AP-1";

    @TempDir
    Path work;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachActionAfterItsNightsOnItsDateWithItsOwnToken() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        SubsidyApi api = new SubsidyApi(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.getAddress().getPort(),
                LocalTokens.inMemory().token("OFFICER"));
        NightPlan plan = new NightPlan(LocalDate.of(2026, 3, 10));
        ActionsReplay replay = new ActionsReplay(api, LocalTokens.inMemory(), day -> {
            for (LocalDate night : plan.through(day)) {
                api.runNight(night);
            }
        }, new StatusLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, System::nanoTime));

        String p1 = "\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"" + BANK + "\",\"approval_no\":\"P-1\"}";
        String payee = "\"payee\":{\"name\":\"上海示例科技有限公司\",\"account\":\"6222021234567890\",\"bank\":\"浦发银行上海分行\"}";
        List<Action> actions = ActionsFile.check(List.of(
                "{\"on\":\"2026-04-01\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"publish\",\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\",\"uscc\":\"" + OTHER_FIRM + "\"},\"do\":\"confirm\"," + p1 + "," + payee + "}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\"," + p1 + "," + payee + "}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\",\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"" + BANK
                        + "\",\"approval_no\":\"P-404\"}," + payee + "}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"APPROVER\"},\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-10\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"prepareSettlement\",\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}",
                "{\"on\":\"2026-04-10\",\"as\":{\"role\":[\"OFFICER\",\"APPROVER\"],\"user\":\"wang\"},\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-10\",\"as\":{\"role\":\"APPROVER\",\"user\":\"li\"},\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-20\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"reconcile\",\"results\":[{\"payee_uscc\":\"" + FIRM + "\",\"status\":\"FAILED\"}]}",
                "{\"on\":\"2026-04-2",
                "{\"on\":\"2026-05-06\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"recordRecovery\"," + p1 + "}",
                "{\"on\":\"2026-05-20\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"loadCalendar\",\"year\":2027,\"holidays\":[\"2027-01-01\"],\"workdays\":[]}"),
                LocalDate.of(2026, 5, 31));

        Path actionsCsv = work.resolve("actions.csv");
        replay.play(actions, actionsCsv);
        replay.finish(LocalDate.of(2026, 5, 31));
        String settlements = replay.settlementsCsv();

        List<String> rows = Files.readAllLines(actionsCsv);
        assertThat(rows.subList(0, 10)).containsExactly(
                "line,do,status,detail",
                "1,publish,201,\"LYD_PREMIUM-2026-001, count 1, total 22500.00, confirm by 2026-04-07\"",
                "2,confirm,403,not your firm's claim",
                "3,confirm,200,LYD_PREMIUM LOCAL-SH approval P-1 CONFIRMED",
                "4,confirm,404,no such claim: LYD_PREMIUM LOCAL-SH approval P-404",
                "5,approveSettlement,404,no settlement prepared by this replay yet",
                "6,prepareSettlement,202,\"settlement 7 PREPARED, count 1, total 22500.00\"",
                "7,approveSettlement,403,\"the preparer of settlement 7 (wang) may not approve it, even holding both roles\"",
                "8,approveSettlement,200,\"settlement 7 APPROVED, count 1, total 22500.00\"",
                "9,reconcile,200,settlement 7 RECONCILED: paid 0; failed 1 (S7-00001)");
        assertThat(rows.subList(10, rows.size())).containsExactly(
                "10,,400,not JSON: Unexpected end-of-input: was expecting closing quote for a string value",
                "11,recordRecovery,409,\"claim is CONFIRMED, not CLAWBACK_DUE\"",
                "12,loadCalendar,200,\"calendar 2027: holidays 1, make-up working days 0\"");
        assertThat(settlements).isEqualTo("id,program,state,count,total\n7,LYD_PREMIUM,RECONCILED,1,22500.00\n");

        assertThat(calls).containsExactly(
                "night 2026-03-10", "night 2026-03-31", "clock 2026-04-01",
                "POST /api/v1/publications as wang [OFFICER] {\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}",
                "night 2026-04-02", "clock 2026-04-03",
                "GET /api/v1/banks/LOCAL-SH/claims?limit=1000 as officer [OFFICER]",
                "POST /api/v1/firms/" + FIRM + "/claims/" + CLAIM_PATH + "/confirmation as firm [FIRM] " + OTHER_FIRM
                        + " {\"payeeName\":\"上海示例科技有限公司\",\"payeeAccount\":\"6222021234567890\",\"payeeBank\":\"浦发银行上海分行\"}",
                "POST /api/v1/firms/" + FIRM + "/claims/" + CLAIM_PATH + "/confirmation as firm [FIRM] " + FIRM
                        + " {\"payeeName\":\"上海示例科技有限公司\",\"payeeAccount\":\"6222021234567890\",\"payeeBank\":\"浦发银行上海分行\"}",
                // P-404 is not among the bank's claims as read: they are read again, in case a night made it since
                "GET /api/v1/banks/LOCAL-SH/claims?limit=1000 as officer [OFFICER]",
                "night 2026-04-09", "clock 2026-04-10",
                "POST /api/v1/settlements as wang [OFFICER] {\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}",
                "GET /api/v1/settlements/7 as officer [OFFICER]", "GET /api/v1/settlements/7 as officer [OFFICER]",
                "POST /api/v1/settlements/7/approval as wang [OFFICER, APPROVER]",
                "POST /api/v1/settlements/7/approval as li [APPROVER]",
                "night 2026-04-19", "clock 2026-04-20",
                "GET /api/v1/settlements/7/payments.csv as officer [OFFICER]",
                "POST /api/v1/settlements/7/reconciliation as wang [OFFICER] text/csv instruction_id,status,bank_reference,paid_on\nS7-00001,FAILED,,\n",
                // line 10 has no date: no night, the clock stays
                "night 2026-04-30", "night 2026-05-05", "clock 2026-05-06",
                "POST /api/v1/claims/" + CLAIM_PATH + "/recovery as wang [OFFICER]",
                "night 2026-05-19", "clock 2026-05-20",
                "PUT /api/v1/calendar/2027 as wang [OFFICER] {\"holidays\":[\"2027-01-01\"],\"workdays\":[]}",
                "night 2026-05-31", "clock 2026-05-31",
                "GET /api/v1/settlements/7 as officer [OFFICER]");
    }

    /** The stand-in: the answers of the API table, each call written down (nights and the clock in short). */
    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode token = SubsidyApi.JSON.readTree(new String(Base64.getUrlDecoder().decode(
                exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length()).split("\\.")[1]), StandardCharsets.UTF_8));
        String uscc = token.has("uscc") ? " " + token.get("uscc").stringValue() : "";
        String who = " as " + token.get("sub").stringValue() + " " + token.get("roles").values().stream().map(JsonNode::stringValue).toList() + uscc;
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (path.equals("/api/v1/runs/nightly")) {
            calls.add("night " + query.substring("date=".length()));
            reply(exchange, 202, "{\"executionId\":1}");
            return;
        }
        if (path.equals("/api/v1/runs/1")) {
            reply(exchange, 200, "{\"status\":\"COMPLETED\"}");
            return;
        }
        if (path.equals("/api/v1/business-clock")) {
            calls.add("clock " + SubsidyApi.JSON.readTree(body).get("date").stringValue());
            reply(exchange, 200, body);
            return;
        }
        calls.add(method + " " + path + (query == null ? "" : "?" + query) + who
                + (contentType == null || contentType.equals("application/json") ? "" : " " + contentType) + (body.isEmpty() ? "" : " " + body));
        String settlement = "{\"id\":7,\"program\":\"LYD_PREMIUM\",\"state\":\"%s\",\"count\":1,\"total\":22500.00,"
                + "\"leftOut\":{\"count\":0,\"total\":0.00,\"claimIds\":[]}}";
        if (path.equals("/api/v1/firms/" + FIRM + "/claims/" + CLAIM_PATH + "/confirmation")) {
            if (uscc.equals(" " + FIRM)) {
                reply(exchange, 200, "{\"claimId\":\"LYD_PREMIUM:LOCAL-SH:P-1\",\"status\":\"CONFIRMED\"}");
            } else {
                problem(exchange, 403, "not your firm's claim");
            }
            return;
        }
        switch (method + " " + path) {
            case "POST /api/v1/publications" -> reply(exchange, 201, "{\"id\":1,\"number\":\"LYD_PREMIUM-2026-001\",\"program\":\"LYD_PREMIUM\","
                    + "\"publishedOn\":\"2026-04-01\",\"confirmBy\":\"2026-04-07\",\"count\":1,\"total\":22500.00}");
            case "GET /api/v1/banks/LOCAL-SH/claims" -> reply(exchange, 200, "[{\"claimId\":\"LYD_PREMIUM:LOCAL-SH:P-1\",\"program\":\"LYD_PREMIUM\","
                    + "\"uscc\":\"" + FIRM + "\",\"approvalNo\":\"P-1\",\"contractNo\":null,\"installmentNo\":null,\"status\":\"PUBLISHED\",\"version\":2}]");
            case "POST /api/v1/settlements" -> {
                exchange.getResponseHeaders().add("Location", "/api/v1/settlements/7");
                reply(exchange, 202, "");
            }
            // the first poll finds it still being prepared
            case "GET /api/v1/settlements/7" -> reply(exchange, 200, String.format(settlement,
                    polls.incrementAndGet() == 1 ? "PREPARING" : polls.get() == 2 ? "PREPARED" : "RECONCILED"));
            case "POST /api/v1/settlements/7/approval" -> {
                if (who.contains("wang")) {
                    problem(exchange, 403, "the preparer of settlement 7 (wang) may not approve it, even holding both roles");
                } else {
                    reply(exchange, 200, String.format(settlement, "APPROVED"));
                }
            }
            case "GET /api/v1/settlements/7/payments.csv" -> reply(exchange, 200,
                    "instruction_id,payee_uscc,payee_name,payee_account,payee_bank,amount,claim_ids\n"
                            + "S7-00001," + FIRM + ",上海示例科技有限公司,6222021234567890,浦发银行上海分行,22500.00,LYD_PREMIUM:LOCAL-SH:P-1\n"
                            + "TOTAL,1,22500.00\n");
            case "POST /api/v1/settlements/7/reconciliation" -> reply(exchange, 200, "{\"settlement\":" + String.format(settlement, "RECONCILED")
                    + ",\"paid\":[],\"failed\":[\"S7-00001\"],\"unmatched\":[],\"unknown\":[]}");
            case "POST /api/v1/claims/" + CLAIM_PATH + "/recovery" -> problem(exchange, 409, "claim is CONFIRMED, not CLAWBACK_DUE");
            case "PUT /api/v1/calendar/2027" -> reply(exchange, 200, "{\"year\":2027,\"holidays\":[\"2027-01-01\"],\"workdays\":[],"
                    + "\"loadedAt\":\"2026-05-20T01:00:00Z\",\"loadedBy\":\"wang\"}");
            default -> problem(exchange, 404, "no such resource in the stand-in: " + method + " " + path);
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        reply(exchange, status, SubsidyApi.JSON.createObjectNode().put("title", "refused").put("status", status).put("detail", detail).toString());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
