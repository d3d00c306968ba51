package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import cn.shanghai.techfinance.notifier.delivery.Dispatcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The notifier's logging as it runs (its logback-spring.xml; tests log through logback-test.xml)
 * masks what a log line carries: the line the dispatcher writes when it parks a firm's e-mail
 * names the firm by its USCC.
 */
class MaskedLogsTest {

    @Test
    void aDispatcherLineCarryingAUsccAndAnExceptionComesOutMasked() throws Exception {
        String uscc = TestData.uscc(4711);
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(getClass().getClassLoader().getResource("logback-spring.xml"));
            context.getLogger(Dispatcher.class).warn("delivery {} of {} by {} to {} parked after {} calls: {}", 1, "claim/x@1",
                    "EMAIL", uscc, 6, "550 mailbox of " + uscc + " unavailable",
                    new IllegalStateException("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln refused for " + uscc));
        } finally {
            context.stop();
            System.setOut(original);
        }

        String masked = uscc.substring(0, 2) + "*".repeat(14) + uscc.substring(16);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("c.s.t.notifier.delivery.Dispatcher")
                .contains("to " + masked + " parked after 6 calls: 550 mailbox of " + masked + " unavailable")
                .contains("java.lang.IllegalStateException: Bearer [masked] refused for " + masked)
                .doesNotContain(uscc).doesNotContain("eyJzdWIiOiJ4In0");
    }
}
