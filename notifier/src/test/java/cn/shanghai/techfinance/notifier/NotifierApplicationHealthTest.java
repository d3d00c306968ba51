package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The service boots against its database, Kafka and SMTP server, and reports itself healthy on the
 * management port; its probes are open on the main port, the actuator itself is not there.
 */
class NotifierApplicationHealthTest extends NotifierIntegrationTest {

    @Test
    void healthEndpointSaysUp() {
        String health = management().get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(health).contains("\"status\":\"UP\"");
        assertThat(api(null).get().uri("/livez").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(api(null).get().uri("/readyz").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(api().get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode().value())
                .as("unlisted on the main port").isEqualTo(403);
    }
}
