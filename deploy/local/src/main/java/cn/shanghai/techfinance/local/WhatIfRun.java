package cn.shanghai.techfinance.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code --what-if DRAFT.json --from D1 --to D2}: after the replay, prices the draft rule version
 * (the object a what-if's {@code draft} holds) on the replayed ledger over [D1, D2] through
 * subsidy-batch's API, as the run's officer, and writes {@code what-if.csv}: one row per programme,
 * claims counted with an amount above 0.00.
 *
 * @param draft the draft as read from its file, checked to be a JSON object before anything starts
 */
record WhatIfRun(Path file, JsonNode draft, LocalDate from, LocalDate to) {

    static final String HEADER = "program,claims_before,total_before,claims_after,total_after";
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    /** Reads and checks the option's file, so that a bad draft stops the run before anything starts. */
    static WhatIfRun read(Path file, LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("--what-if needs --from and --to");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no what-if draft file " + file);
        }
        JsonNode draft;
        try {
            draft = SubsidyApi.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JacksonException e) {
            throw new IllegalArgumentException("the what-if draft " + file + " is not JSON: " + e.getMessage());
        }
        if (draft == null || !draft.isObject()) {
            throw new IllegalArgumentException("the what-if draft " + file + " must be a JSON object of rule parameters");
        }
        return new WhatIfRun(file, draft, from, to);
    }

    /** Starts the what-if, waits for its end, writes {@code out/what-if.csv}; returns its rows, for the summary. */
    String run(SubsidyApi subsidy, Path out) throws IOException, InterruptedException {
        String body = SubsidyApi.JSON.createObjectNode().put("from", from.toString()).put("to", to.toString())
                .set("draft", draft).toString();
        SubsidyApi.Answer started = subsidy.call("POST", "/api/v1/what-ifs", SubsidyApi.APPLICATION_JSON, body);
        if (started.status() != 202) {
            throw new IllegalStateException("the what-if of " + file + " did not start: HTTP " + started.status() + " " + started.reason());
        }
        long id = started.json().get("id").longValue();
        Instant giveUp = Instant.now().plus(PATIENCE);
        JsonNode result;
        while (true) {
            SubsidyApi.Answer answer = subsidy.call("GET", "/api/v1/what-ifs/" + id, null, null);
            if (!answer.ok()) {
                throw new IllegalStateException("what-if " + id + ": HTTP " + answer.status() + " " + answer.reason());
            }
            result = answer.json();
            String status = result.get("status").stringValue();
            if (status.equals("COMPLETED")) {
                break;
            }
            if (!status.equals("RUNNING") || Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("what-if " + id + " ended " + status + " (subsidy-batch's log says why)");
            }
            Thread.sleep(200);
        }
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (JsonNode program : result.get("programs")) {
            csv.append(String.join(",", program.get("program").stringValue(), program.get("claimsBefore").asString(),
                    program.get("totalBefore").decimalValue().toPlainString(), program.get("claimsAfter").asString(),
                    program.get("totalAfter").decimalValue().toPlainString())).append('\n');
        }
        Files.writeString(out.resolve("what-if.csv"), csv.toString(), StandardCharsets.UTF_8);
        return csv.toString();
    }
}
