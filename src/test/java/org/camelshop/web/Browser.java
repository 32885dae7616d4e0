package org.camelshop.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium + chromium-driver, installed by local-stack/install-chromium.sh when missing)
 * for every browser test of the run, with a fresh profile, downloads saved to target/downloads and screenshots to
 * target/screenshots. Shared like the shop: see {@link BrowserExtension}.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** One folder per test JVM: two JVMs' browsers never see, or clear, each other's downloads. */
    private static final Path DOWNLOADS = Path.of("target", "downloads-" + ProcessHandle.current().pid()).toAbsolutePath();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    public static Browser start(String baseUrl) {
        ensureChromium();
        try {
            Files.createDirectories(SCREENSHOTS);
            try (Stream<Path> old = Files.list(SCREENSHOTS)) {
                old.filter(f -> f.getFileName().toString().startsWith("FAILED-")).forEach(f -> f.toFile().delete());
            }
            Files.createDirectories(DOWNLOADS);
            Path profile = Files.createTempDirectory("camelshop-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=1280,900");
            options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                    "download.prompt_for_download", false, "safebrowsing.enabled", false));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(TIMEOUT);
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
            return new Browser(driver, profile, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the project's installer when Chromium or its driver is missing (Debian, root or passwordless sudo). */
    static void ensureChromium() {
        if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
            return;
        }
        try {
            Process install = new ProcessBuilder("bash", "local-stack/install-chromium.sh").inheritIO().start();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("Installing chromium and chromium-driver failed; run local-stack/install-chromium.sh "
                        + "as root (Debian/Ubuntu) and run the tests again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens a page of the shop and waits until its script says it has rendered its data. */
    public void open(String path) {
        driver.get(baseUrl + path);
        waitLoaded();
    }

    /**
     * Signs in as the login page does, with its call (POST /api/auth/login) and the token and user it keeps in
     * localStorage (web/js/api.js, auth), but without its form (StorefrontBrowserIT goes through that); then opens
     * {@code page} and returns once it has rendered.
     */
    public void login(String email, String password, String page) {
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("email", email).put("password", password).toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (answer.statusCode() != 200) {
            throw new AssertionError("login of " + email + ": " + answer.statusCode() + " " + answer.body());
        }
        try {
            JsonNode signedIn = JSON.readTree(answer.body());
            resetStorage();
            js("localStorage.setItem('shop.token', arguments[0]); localStorage.setItem('shop.user', arguments[1]);",
                    signedIn.get("token").asText(), signedIn.get("user").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open(page);
    }

    /**
     * Waits until the browser shows the page at this path (the path itself: a login page's ?next= names it too) and
     * the page has rendered its data.
     */
    public void waitForPage(String path) {
        inPage("return location.pathname === args[0] && document.body && document.body.dataset.loaded === 'true'", path);
    }

    public void waitLoaded() {
        inPage("return document.body && document.body.dataset.loaded === 'true'");
    }

    /** Checks every 50 ms (Selenium's default 500 ms added a quarter second on average to every step of a journey). */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Shown as Selenium's isDisplayed means it: rendered, not hidden by CSS or a closed dialog/details, with a size. */
    private static final String VISIBLE = """
            const visible = (e) => e.checkVisibility({ opacityProperty: true, visibilityProperty: true })
                && [e, ...e.querySelectorAll('*')].some((x) => { const r = x.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
            const text = (e) => visible(e) ? e.innerText.replace(/\\u00a0/g, ' ').trim() : '';
            """;

    /**
     * Waits inside the page until the condition (a script body over {@code args}, with {@code visible(e)} and
     * {@code text(e)} at hand) returns something truthy, and returns that: one round trip instead of a poll from here
     * every 50 ms. A page that unloads meanwhile (a click that navigates) ends the script: then it runs again on the new page.
     */
    public Object inPage(String condition, Object... args) {
        String script = "const done = arguments[arguments.length - 1]; const args = arguments;" + VISIBLE
                + "const test = () => { " + condition + " };"
                + "const poll = () => { let found = null; try { found = test(); } catch (e) { found = null; }"
                + " if (found) { done(found); } else { setTimeout(poll, 20); } }; poll();";
        return new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                .ignoring(JavascriptException.class).ignoring(ScriptTimeoutException.class).withMessage("the page to show: " + condition)
                .until(d -> ((JavascriptExecutor) d).executeAsyncScript(script, args));
    }

    public WebElement find(String css) {
        return (WebElement) inPage("const e = document.querySelector(args[0]); return e && visible(e) ? e : null", css);
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks the element once it shows and is enabled. */
    public void click(String css) {
        ((WebElement) inPage("const e = document.querySelector(args[0]); return e && visible(e) && !e.matches(':disabled') ? e : null", css)).click();
    }

    /** Types into the field once it shows, over what it held (emptied in the same round trip that finds it). */
    public void type(String css, String text) {
        ((WebElement) inPage("const e = document.querySelector(args[0]); if (!e || !visible(e)) return null; e.value = ''; return e;", css))
                .sendKeys(text);
    }

    /** Picks the option with this value once the menu has it (menus filled from the API fill after the page shows). */
    public void select(String css, String value) {
        new Select(menuWith(css, "o.value === args[1]", value)).selectByValue(value);
    }

    /** Picks the option with this label once the menu has it. */
    public void selectText(String css, String label) {
        new Select(menuWith(css, "o.text.trim() === args[1]", label)).selectByVisibleText(label);
    }

    private WebElement menuWith(String css, String option, String wanted) {
        return (WebElement) inPage("const s = document.querySelector(args[0]); return s && visible(s) && [...s.options].some((o) => "
                + option + ") ? s : null", css, wanted);
    }

    /** The first element matching the selector whose shown text contains the given text, once there is one. */
    public WebElement findWithText(String css, String text) {
        return (WebElement) inPage("return [...document.querySelectorAll(args[0])].find((e) => text(e).includes(args[1])) || null", css, text);
    }

    /** Waits until the (shown) text of an element matching the selector contains the given text, and returns that text. */
    public String waitForText(String css, String text) {
        return (String) inPage("for (const e of document.querySelectorAll(args[0])) { const t = text(e); if (t.includes(args[1])) return t; }"
                + " return null;", css, text);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public void setLocalStorage(String key, String value) {
        js("localStorage.setItem(arguments[0], arguments[1])", key, value);
    }

    /** Forgets the signed-in user, the guest session and everything else this origin stored. */
    public void resetStorage() {
        driver.get(baseUrl + "/images/products/books.svg");
        js("localStorage.clear(); sessionStorage.clear();");
    }

    /** Saves a PNG of the current page as target/screenshots/{name}.png (a test artefact). */
    public Path screenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the viewport width (e.g. a phone's 390 px) keeping the height. */
    public void width(int cssPixels, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", cssPixels, "height", height,
                "deviceScaleFactor", 1, "mobile", cssPixels < 600));
    }

    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Makes requests whose URL matches a pattern (wildcards *) fail as if the server could not be reached; none for none. */
    public void block(String... urlPatterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
    }

    public void cache(boolean enabled) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", !enabled));
    }

    public static Path downloads() {
        return DOWNLOADS;
    }

    /** Waits for a finished download whose name starts with the prefix and returns it. */
    public Path waitForDownload(String prefix) {
        return waitUntil(d -> {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                return files.filter(f -> f.getFileName().toString().startsWith(prefix) && !f.getFileName().toString().endsWith(".crdownload"))
                        .filter(f -> f.toFile().length() > 0).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    public static void clearDownloads() {
        try (Stream<Path> files = Files.list(DOWNLOADS)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // nothing yet
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
