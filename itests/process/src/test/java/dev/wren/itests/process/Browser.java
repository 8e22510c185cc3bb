package dev.wren.itests.process;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven through the system's chromedriver (the Debian packages chromium and
 * chromium-driver, which {@code ./wren test} installs): both paths are given, so Selenium Manager never
 * looks for or downloads a browser or a driver. Missing either fails the caller, naming the package.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("wren.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("wren.chromedriver", "/usr/bin/chromedriver"));

    /** The dashboard's page in the web console. */
    static final String PAGE = "/system/console/wren";

    /** Selenium warns that it has no CDP classes for this Chromium; the tests use none of them (held: loggers are weak). */
    private static final Logger DEVTOOLS = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(Level.SEVERE);
    }

    final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts Chromium with a fresh profile in {@code profile} and a desktop window of the given size. */
    static Browser start(Path profile, int width, int height) throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("no Chromium at " + CHROMIUM + ": install the Debian package chromium "
                    + "(./wren test does), or name another with -Dwren.chromium=");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("no chromedriver at " + CHROMEDRIVER + ": install the Debian package "
                    + "chromium-driver (./wren test does), or name another with -Dwren.chromedriver=");
        }
        Files.createDirectories(profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // without the background-networking flags Chromium keeps trying to reach Google's services,
        // which a closed network makes it wait on
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height);
        try {
            return new Browser(service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    /** Opens the dashboard, logging in with the credentials in the URL (basic authentication). */
    void open(GatewayProcess gw) throws IOException {
        driver.get("http://admin:" + URLEncoder.encode(gw.password(), StandardCharsets.UTF_8) + "@127.0.0.1:"
                + gw.port + PAGE);
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** @return the time of the page's last successful update (ms since the epoch), 0 before the first */
    long updatedAt() {
        Object at = script("const u = document.getElementById('updated'); return u ? (u.dataset.at || '0') : '0';");
        return Long.parseLong(String.valueOf(at));
    }

    /** Waits until the page has shown data from status.json at least once; fails naming what it shows. */
    void awaitFirstUpdate(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (updatedAt() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page showed no update within " + timeout.toSeconds() + " s: "
                        + script("return document.body.innerText;"));
            }
            Thread.sleep(50);
        }
    }

    /** A phone's viewport (CSS pixels, touch, device pixel ratio 3), or back to the window's with null. */
    void phone(Integer width, Integer height) {
        if (width == null) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 3, "mobile", true));
        }
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
