package io.bigr.discovery.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven by chromedriver, for a whole test class (starting one costs about a second).
 * Browser console errors are collected (severe log entries, uncaught exceptions, failed loads) so a test can assert
 * that a page logged none. Each instance has its own fresh profile folder and download folder, deleted on close.
 *
 * <p>Chromium and chromedriver come from Debian ({@code chromium}, {@code chromium-driver} in .ci/apt-packages).
 * When they are missing the test is aborted (skipped) on a developer machine and FAILS when {@code CI=true}.
 */
public final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getenv().getOrDefault("BIGR_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("BIGR_CHROMEDRIVER", "/usr/bin/chromedriver");
    /** How long a wait for an element or a condition lasts before the test fails. */
    public static final Duration WAIT = Duration.ofSeconds(15);

    /** Selenium warns on every start that it has no DevTools classes for this Chromium; they are not used. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;
    private final List<String> errors = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Starts a headless Chromium with a window of 1280x900. */
    public static Browser start() {
        requireChromium();
        try {
            Path profile = Files.createTempDirectory("bigr-chromium-");
            Path downloads = Files.createTempDirectory("bigr-downloads-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--disable-extensions", "--window-size=1280,900",
                    "--lang=tr-TR", "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 900));
            return new Browser(driver, profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips outside CI, fails under CI=true, when Debian's chromium or chromedriver is not installed. */
    static void requireChromium() {
        for (String exe : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(exe))) {
                String message = exe + " is not installed (Debian packages chromium and chromium-driver)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(message + " (CI=true: browser tests must run)");
                }
                Assumptions.abort(message);
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The folder Chromium downloads into (exports). */
    public Path downloads() {
        return downloads;
    }

    /** Loads {@code url} and waits until the document finished loading; earlier console entries are collected. */
    public Browser open(String url) {
        collectLogs();
        driver.get(url);
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(js("return document.readyState")));
        return this;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits for a visible element and returns it. */
    public WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element's text contains {@code text}. */
    public WebElement waitForText(String css, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits until {@code condition} (a JavaScript expression) is true. */
    public void waitUntil(String condition) {
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(js("return !!(" + condition + ")")));
    }

    /**
     * Waits until the page signalled that it finished its first load ({@code document.body.dataset.ready}, set by
     * the shared {@code bigr.ready()} in {@code /js/bigr.js}), and returns its value ("ok" or "error").
     */
    public String waitReady() {
        waitUntil("document.body && document.body.dataset.ready");
        return String.valueOf(js("return document.body.dataset.ready"));
    }

    /** Console errors logged since the browser started or the last {@link #clearConsole}. */
    public List<String> consoleErrors() {
        collectLogs();
        return List.copyOf(errors);
    }

    public void clearConsole() {
        collectLogs();
        errors.clear();
    }

    /** Fails with the errors' text when the console has any error. */
    public void assertNoConsoleErrors() {
        List<String> e = consoleErrors();
        Assertions.assertTrue(e.isEmpty(), () -> "browser console errors:\n" + String.join("\n", e));
    }

    private void collectLogs() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
    }

    /** Writes a PNG of the viewport to {@code file}, the window made as tall as the page first (at most 2400 px). */
    public void screenshot(Path file) {
        try {
            Number height = (Number) js("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(1280, Math.min(2400, height.intValue() + 150)));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
