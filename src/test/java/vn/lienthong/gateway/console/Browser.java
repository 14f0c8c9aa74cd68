package vn.lienthong.gateway.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.lienthong.gateway.ExternalTool;

/**
 * A real headless browser for the console tests: Debian's chromium driven through Debian's chromedriver (never a
 * browser or driver Selenium Manager would download), with a fresh profile, closed with everything it started.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final String base;
    private final Path profile;

    private Browser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        this.driver = new ChromeDriver(service, options);
    }

    /** Opens a browser on the gateway at {@code base}; skipped (or, in CI, failed) where chromium is not installed. */
    static Browser open(String base) throws IOException {
        ExternalTool.require("chromium", "chromium chromium-driver");
        ExternalTool.require("chromedriver", "chromium chromium-driver");
        return new Browser(base);
    }

    /** Signs in through the console's own login form. */
    Browser login(String user, String password) {
        go("/console/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        try {
            waitUntil(d -> d.getCurrentUrl().endsWith("/console/"));
        } catch (TimeoutException e) {
            throw new AssertionError("signing in as " + user + " did not lead to the overview but to "
                    + driver.getCurrentUrl() + ":\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
        return this;
    }

    /** Loads a console page and waits until it has loaded. */
    Browser go(String path) {
        driver.get(base + path);
        waitUntil(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
        return waitUntil(Duration.ofSeconds(20), condition);
    }

    <T> T waitUntil(Duration timeout, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    }

    /** Runs a script in the page; the script calls {@code arguments[arguments.length - 1]} with its result. */
    Object async(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
