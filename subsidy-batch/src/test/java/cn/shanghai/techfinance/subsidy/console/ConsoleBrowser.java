package cn.shanghai.techfinance.subsidy.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) driven over WebDriver: one browser, with its own empty profile, per person in a test.
 * Screenshots go to {@code target/console-screenshots/} as the build's artifacts.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** Long enough for a page that waits on the database under a loaded CI machine; a wait ends as soon as its condition holds. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final String baseUrl;

    private ConsoleBrowser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** A browser on the console at {@code baseUrl}, in a window of {@code width} × {@code height} (a laptop: 1280 × 900). */
    public static ConsoleBrowser open(String baseUrl, int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console's tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver fonts-wqy-microhei (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // a closed network: no background connections, no updates, no sync; root needs --no-sandbox
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new ConsoleBrowser(driver, baseUrl);
    }

    /** A laptop-sized browser. */
    public static ConsoleBrowser open(String baseUrl) {
        return open(baseUrl, 1280, 900);
    }

    /** Opens a console path ({@code /console/…}). */
    public ConsoleBrowser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /**
     * Opens the console and signs in at the issuer as {@code username} with its demo "sign in as"
     * button, then waits for the console's page.
     */
    public ConsoleBrowser signIn(String username) {
        go("/console");
        waitFor(By.id("as-" + username)).click();
        await(ExpectedConditions.urlContains(baseUrl + "/console"));
        return this;
    }

    /** Signs out (of the console and the issuer) and waits for the signed-out page. */
    public ConsoleBrowser signOut() {
        waitFor(By.id("sign-out")).click();
        await(ExpectedConditions.urlContains("/console/signed-out"));
        return this;
    }

    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    public WebElement find(By locator) {
        return driver.findElement(locator);
    }

    public List<WebElement> findAll(By locator) {
        return driver.findElements(locator);
    }

    /** The visible text of the page's {@code <main>}. */
    public String mainText() {
        return waitFor(By.tagName("main")).getText();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String title() {
        return driver.getTitle();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Writes a PNG of the window to {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
