package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.identity.DemoUser;
import cn.shanghai.techfinance.subsidy.EndToEndTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A console test: the whole system of {@link EndToEndTest}, and people in real headless Chromium
 * browsers signing in at the tests' issuer. Every browser a test opens is closed after it.
 */
public abstract class ConsoleTest extends EndToEndTest {

    private final List<ConsoleBrowser> browsers = new ArrayList<>();

    @BeforeEach
    void consoleKnownToTheIssuer() {
        identity().allowConsoleAt(consoleUrl());
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(ConsoleBrowser::close);
        browsers.clear();
    }

    /** The console's base URL (127.0.0.1 and the test's random port). */
    protected String consoleUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A new browser, with an empty profile: one per person. */
    protected ConsoleBrowser browser() {
        ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl());
        browsers.add(browser);
        return browser;
    }

    /** A phone-sized browser (390 × 844). */
    protected ConsoleBrowser phone() {
        ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl(), 390, 844);
        browsers.add(browser);
        return browser;
    }

    /** A browser signed in as {@code user}, who is added to the issuer's users if new (a test's own firm). */
    protected ConsoleBrowser signedIn(DemoUser user) {
        identity().add(user);
        return browser().signIn(user.username());
    }
}
