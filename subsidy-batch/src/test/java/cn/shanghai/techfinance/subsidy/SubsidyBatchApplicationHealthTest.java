package cn.shanghai.techfinance.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The service boots on real infrastructure and reports itself healthy over HTTP, with its API described. */
class SubsidyBatchApplicationHealthTest extends EndToEndTest {

    @LocalServerPort
    int port;

    @Test
    void healthEndpointSaysUpAndTheApiIsDescribed() {
        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        assertThat(http.get().uri("/actuator/health").retrieve().body(String.class)).contains("\"status\":\"UP\"");
        assertThat(http.get().uri("/v3/api-docs").retrieve().body(String.class))
                .contains("/api/v1/runs/nightly", "/api/v1/firms/{uscc}/claims", "/api/v1/claims/export");
    }
}
