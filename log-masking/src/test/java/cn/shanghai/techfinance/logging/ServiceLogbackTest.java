package cn.shanghai.techfinance.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The include every service's logback-spring.xml uses: Boot's console (and file) layout, masked. */
class ServiceLogbackTest {

    private static final String CONFIG = """
            <configuration><include resource="cn/shanghai/techfinance/logging/service-logback.xml"/></configuration>""";

    @Test
    void messagesAndExceptionsAreMaskedOnTheConsole() throws JoranException {
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        try {
            configure(context);
            Logger log = context.getLogger("cn.shanghai.techfinance.Test");
            log.info("claims of firm {} on account {}", "91310115MA1K4XXXX7", "6222021234567890123");
            log.warn("call failed", new IllegalStateException("401 for Bearer secret-token-value and 91310115MA1K4XXXX7"));
        } finally {
            context.stop();
            System.setOut(original);
        }
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("claims of firm 91**************X7 on account ***************0123")
                .contains("java.lang.IllegalStateException: 401 for Bearer [masked] and 91**************X7")
                .contains("INFO").contains("cn.shanghai.techfinance.Test")
                .doesNotContain("91310115MA1K4XXXX7").doesNotContain("secret-token-value").doesNotContain("6222021234567890123");
    }

    @Test
    void aFileIsWrittenOnlyWhenBootNamesOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("service.log");
        LoggerContext context = new LoggerContext();
        context.putProperty("LOG_FILE", file.toString());
        configure(context);
        context.getLogger("x").info("firm 91310115MA1K4XXXX7");
        context.stop();
        assertThat(Files.readString(file)).contains("firm 91**************X7").doesNotContain("91310115MA1K4XXXX7");

        LoggerContext withoutFile = new LoggerContext();
        configure(withoutFile);
        assertThat(withoutFile.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE")).isNull();
        assertThat(withoutFile.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNotNull();
        withoutFile.stop();
    }

    private static void configure(LoggerContext context) throws JoranException {
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)));
    }
}
