package cn.shanghai.techfinance.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/**
 * The service boots on real infrastructure and reports itself healthy on the management port, its
 * probes open on the main port, with its API described.
 */
class SubsidyBatchApplicationHealthTest extends EndToEndTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void healthEndpointSaysUpAndTheApiIsDescribed() {
        RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
        assertThat(management.get().uri("/actuator/health").retrieve().body(String.class)).contains("\"status\":\"UP\"");
        assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class)).contains("jvm_memory_used_bytes");
        for (String probe : new String[] {"/livez", "/readyz"}) {
            assertThat(api(null).get().uri(probe).retrieve().toBodilessEntity().getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
        }
        assertThat(api(null).get().uri("/v3/api-docs").retrieve().body(String.class))
                .contains("/api/v1/runs/nightly", "/api/v1/firms/{uscc}/claims", "/api/v1/banks/{bankCode}/claims", "/api/v1/claims/export");
    }
}
