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
 * browser or driver Selenium Manager would download), with a profile of its own. One chromium serves every test of
 * the JVM (starting one costs about 3 s on the build machine); each {@link #open} hands it over as a new browser
 * would be, without cookies or storage for the console, and {@link #quitAll} closes it with everything it started.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The one chromium of this JVM, and its profile folder; null until the first {@link #open}. */
    private static WebDriver shared;
    private static Path sharedProfile;

    final WebDriver driver;
    private final String base;

    private Browser(String base, WebDriver driver) {
        this.base = base;
        this.driver = driver;
    }

    /**
     * Opens a browser on the gateway at {@code base}, as fresh as a new one: no cookies (no session, no language
     * choice) and no local or session storage for the gateway's address. Skipped (or, in CI, failed) where
     * chromium is not installed.
     */
    static synchronized Browser open(String base) throws IOException {
        ExternalTool.require("chromium", "chromium chromium-driver");
        ExternalTool.require("chromedriver", "chromium chromium-driver");
        if (shared != null && !alive(shared)) {
            quitAll();
        }
        if (shared == null) {
            sharedProfile = Files.createTempDirectory("console-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1400,1400", "--user-data-dir=" + sharedProfile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
            shared = new ChromeDriver(service, options);
        }
        Browser browser = new Browser(base, shared);
        browser.forgetEverything();
        return browser;
    }

    /** Closes the shared chromium and deletes its profile (the console tests' {@code @AfterAll}). */
    static synchronized void quitAll() throws IOException {
        if (shared == null) {
            return;
        }
        try {
            shared.quit();
        } finally {
            shared = null;
            try (Stream<Path> files = Files.walk(sharedProfile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean alive(WebDriver driver) {
        try {
            driver.getWindowHandle();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Drops the cookies and storage a previous test left for the gateway's address, on a page of that address. */
    private void forgetEverything() {
        driver.get(base + "/console/login");
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        driver.get("about:blank");
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

    /** Leaves the console (its page no longer refreshes itself); the next {@link #open} forgets the session. */
    @Override
    public void close() {
        if (alive(driver)) {
            driver.get("about:blank");
        }
    }
}
