package cn.shanghai.techfinance.benchmarks;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A what-if (issue 15) over a period of the ledger, started and followed through subsidy-batch's
 * API as an officer does: POST /api/v1/what-ifs, then its status until COMPLETED. Its time is
 * the driver's, from the request to the status seen completed.
 */
final class WhatIfStage {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A draft every programme's claims feel: the tech-service LYD ratio and 科技保险's ratio raised. */
    static final String DRAFT = "{\"lydTechServiceRatio\":\"0.80\",\"techInsurance\":{\"ratio\":\"0.60\"}}";

    record Result(double seconds, long claimsPriced) {
    }

    private final ApiCaller api;

    WhatIfStage(HttpClient http, String base, String token) {
        this.api = new ApiCaller(http, base, token, Duration.ofSeconds(60));
    }

    Result run(LocalDate from, LocalDate to) throws Exception {
        long start = System.nanoTime();
        String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"draft\":" + DRAFT + "}";
        long id = JSON.readTree(api.call("POST", "/api/v1/what-ifs", body, 202)).get("id").longValue();
        while (true) {
            // the list's views, not the result: a year's result holds every priced claim
            String status = null;
            for (JsonNode view : JSON.readTree(api.call("GET", "/api/v1/what-ifs", null, 200))) {
                if (view.get("id").longValue() == id) {
                    status = view.get("status").stringValue();
                }
            }
            if ("COMPLETED".equals(status)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                try (Connection c = BenchSystem.rootConnection("subsidy");
                     PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM what_if_claim WHERE what_if_id = ?")) {
                    count.setLong(1, id);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        return new Result(seconds, rs.getLong(1));
                    }
                }
            }
            if (!"RUNNING".equals(status)) {
                throw new IllegalStateException("the what-if " + id + " over " + from + " … " + to + " ended " + status);
            }
            BenchmarkRun.progress("what-if " + from + " … " + to + ": " + status);
            Thread.sleep(500);
        }
    }
}
