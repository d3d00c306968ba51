package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The service boots against its database, Kafka and SMTP server, and reports itself healthy over HTTP. */
class NotifierApplicationHealthTest extends NotifierIntegrationTest {

    @Test
    void healthEndpointSaysUp() {
        String health = api().get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(health).contains("\"status\":\"UP\"");
    }
}
