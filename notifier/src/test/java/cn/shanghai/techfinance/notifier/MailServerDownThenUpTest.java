package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent.Status;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMTP server goes away and comes back: the email circuit breaker opens, the notice waits
 * (not parked), and once the server is back the firm gets it exactly once.
 */
class MailServerDownThenUpTest extends NotifierIntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void aNoticeWaitsForTheMailServerAndIsSentOnce() {
        String uscc = TestData.uscc(401);
        String address = "treasury@firm401.test";
        registerContact(uscc, address);
        MAIL.stop();
        try {
            publish(TestData.lydClaim("SMTP-SH", uscc, "P-D1", 4, Status.PAID));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> breakers.circuitBreaker("email").getState() == CircuitBreaker.State.OPEN);
            Row waiting = await().atMost(Duration.ofSeconds(10)).until(() -> ledgerRows(uscc).get(0), r -> r.attempts() >= 4);
            assertThat(waiting.status()).as("refused by the open breaker: waiting, not parked").isEqualTo("PENDING");
        } finally {
            MAIL.start();
        }

        List<Row> rows = awaitSettled(uscc, 1);
        assertThat(rows.get(0).status()).isEqualTo("DELIVERED");
        assertThat(mailsTo(address)).hasSize(1);

        // the breaker closes once its half-open trial calls (2) succeed
        publish(TestData.lydClaim("SMTP-SH", uscc, "P-D2", 1, Status.COMPUTED));
        awaitSettled(uscc, 2);
        assertThat(mailsTo(address)).hasSize(2);
        assertThat(breakers.circuitBreaker("email").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
