package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.notifier.delivery.Dispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The running notifier's logging (its logback-spring.xml, module log-masking) masks what a log line carries. */
@ExtendWith(OutputCaptureExtension.class)
class MaskedLogsTest extends NotifierIntegrationTest {

    @Test
    void aLogLineCarryingAUsccAndAnExceptionComesOutMasked(CapturedOutput output) {
        String uscc = TestData.uscc(4711);
        // the line the dispatcher writes when it parks a firm's e-mail: the recipient is the firm's USCC
        LoggerFactory.getLogger(Dispatcher.class).warn("delivery {} of {} by {} to {} parked after {} calls: {}", 1, "claim/x@1",
                "EMAIL", uscc, 6, "550 mailbox of " + uscc + " unavailable",
                new IllegalStateException("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln refused for " + uscc));

        String masked = uscc.substring(0, 2) + "*".repeat(14) + uscc.substring(16);
        assertThat(output.getOut()).contains("to " + masked + " parked after 6 calls: 550 mailbox of " + masked + " unavailable")
                .contains("java.lang.IllegalStateException: Bearer [masked] refused for " + masked)
                .doesNotContain(uscc).doesNotContain("eyJzdWIiOiJ4In0");
    }
}
