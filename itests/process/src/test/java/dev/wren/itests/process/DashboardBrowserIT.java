package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.wren.itests.process.probe.ShellProbe;
import dev.wren.uplink.testing.Mosquitto;

/**
 * The dashboard in a real headless Chromium against one gateway started with {@code ./wren run} on the
 * simulated board, its uplink connected to a real mosquitto and gossip on: every section filled with
 * live data, a plot that moves, a setting the configuration guard refuses shown with its rule, no
 * horizontal scrolling on a phone, and a fault injected into the simulated BME280 (with the shell's
 * {@code wren:sim}) shown on its sensor within the time the sampler and the page's poll allow.
 * Screenshots (desktop and phone, before and after the fault) are kept in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    static final Duration START = Duration.ofSeconds(60);
    /** The page's polls (dashboard.html: STATUS_MS, TRENDS_MS). */
    static final long STATUS_MS = 2000;
    static final long TRENDS_MS = 5000;
    /** The documents are built at most once a second, shared by the requests of that second (dashboard.md). */
    static final long DOCUMENT_SHARED_MS = 1000;
    static final String AIR = "dev.wren.driver.bme280.Bme280~air";
    static final String SAMPLER = "dev.wren.sampling.Sampler";
    static final String READING_PIPELINE = "dev.wren.inference.ReadingPipeline";
    static final Path SHOTS = Path.of(System.getProperty("basedir", ".")).resolve("target/screenshots");

    @TempDir
    static Path dir;

    private Mosquitto broker;
    private GatewayProcess gw;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        // the browser first: without Chromium this class fails at once, before starting anything
        browser = Browser.start(dir.resolve("chromium-profile"), 1280, 2200);
        broker = Mosquitto.in(dir.resolve("broker")).start();
        gw = GatewayProcess.start(dir.resolve("data"), GatewayProcess.freePort(), null,
                Map.of("WREN_CONFIG", config(dir.resolve("config"), broker.url()).toString()));
        Ready.await(gw, START);
        gw.awaitLine("Uplink connected to", START);
        browser.open(gw);
        browser.awaitFirstUpdate(START);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (gw != null) {
                    gw.close();
                }
            } finally {
                if (broker != null) {
                    broker.close();
                }
            }
        }
    }

    /**
     * The shipped configuration with what makes this test short: the BME280 and the health sensor read
     * every 2 s, a sensor faulted after 2 failed reads in a row, plot points of 2 s; the uplink to
     * {@code broker}; gossip on with a fresh key (its only member is this gateway).
     */
    static Path config(Path dir, String broker) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("dev.wren.driver.bme280.Bme280-air.cfg", shipped("dev.wren.driver.bme280.Bme280-air.cfg")
                + "\nsampling.period.full.ms=2000\n");
        files.put("dev.wren.driver.health.Health-gateway.cfg", shipped("dev.wren.driver.health.Health-gateway.cfg")
                + "\nsampling.period.full.ms=2000\n");
        files.put("dev.wren.sampling.Sampler.cfg", shipped("dev.wren.sampling.Sampler.cfg") + "\nfault.threshold=2\n");
        files.put("dev.wren.dashboard.Overview.cfg", shipped("dev.wren.dashboard.Overview.cfg")
                + "\ntrend.minutes=10\ntrend.bucket.s=2\n");
        if (broker != null) {
            files.put("dev.wren.uplink.Uplink.cfg", shipped("dev.wren.uplink.Uplink.cfg")
                    + "\nbroker.url=" + broker + "\ngateway.id=dashboard-it\n");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        files.put("dev.wren.gossip.Gossip.cfg", shipped("dev.wren.gossip.Gossip.cfg") + "\nnode.id=dashboard-it\ncluster.keys="
                + Base64.getEncoder().encodeToString(key) + "\nport=" + GatewayProcess.freePort() + "\n");
        return Operator.config(dir, files);
    }

    static String shipped(String file) throws IOException {
        return Files.readString(Path.of(System.getProperty("wren.home", ".")).resolve("config").resolve(file));
    }

    @Test
    @Order(1)
    void everySectionIsFilledWithLiveData() throws Exception {
        long first = browser.updatedAt();
        // device figures
        // the gateway's CPU is measured between two of the dashboard's documents: from the second on
        String device = Operator.await(START, () -> text("#device tbody").contains("gateway CPU") ? text("#device tbody") : null,
                "the gateway's CPU on the page: " + text("#device"));
        for (String row : List.of("gateway up", "host up", "load (1 min)", "gateway memory", "memory free", "disk free")) {
            assertTrue(device.contains(row), "device: " + device);
        }
        assertTrue(device.matches("(?s).*gateway CPU\\s+[0-9.]+ % of a core.*"), device);
        assertTrue(device.matches("(?s).*gateway memory\\s+[0-9.]+ MB \\(heap [0-9.]+ MB of [0-9.]+ MB\\).*"), device);
        // power: the mode as a badge
        assertTrue(List.of("FULL", "DEGRADED", "MINIMAL").contains(text("#power .badge")), text("#power"));
        // outbox: the stored and delivered counters move (the uplink delivers to mosquitto)
        Operator.await(START, () -> count("#outbox tbody tr") >= 5 && Long.parseLong(outboxCounter(1)) > 0 ? true : null,
                "outbox rows with a delivered message: " + text("#outbox"));
        // uplink: connected, messages acknowledged
        Operator.await(START, () -> "CONNECTED".equals(attr("#uplink", "data-state"))
                && text("#uplink").matches("(?s).*acknowledged / in flight / resent\\s+[1-9][0-9]* / .*") ? true : null,
                "the uplink connected with acknowledged messages: " + text("#uplink"));
        // sensors: every one with values, none faulted yet
        JsonObject status = status();
        for (var s : status.getAsJsonArray("sensors")) {
            String id = s.getAsJsonObject().get("id").getAsString();
            Operator.await(START, () -> count("div.sensor[data-sensor='" + id + "'] span.val[data-quantity]") > 0 ? true : null,
                    "values of sensor " + id);
        }
        assertTrue(count("div.sensor") >= 8, text("#sensors"));
        assertEquals("ok", text("div.sensor[data-sensor='air'] h3 .badge"));
        assertEquals(0, count("span.badge.fault"), text("#sensors"));
        // models: a serving version of each shipped model
        for (String model : List.of("vibration-trigger", "vibration-classifier")) {
            assertTrue(text("#models tr[data-model='" + model + "'] div[data-version]").contains("(serving"),
                    text("#models"));
        }
        // insights: the trigger's verdicts on the vibration windows
        Operator.await(START, () -> count("#insights tbody tr td.empty") == 0 && count("#insights tbody tr") > 0
                && text("#insights tbody").contains("vibration-trigger") ? true : null, "insights: " + text("#insights"));
        // peers: gossip on, this gateway alive
        assertTrue(text("#peers tr[data-peer='dashboard-it']").contains("(this gateway)"), text("#peers"));
        assertEquals("ALIVE", text("#peers tr[data-peer='dashboard-it'] .badge"));
        // refused: none yet, said so
        assertEquals("0", attr("#refused", "data-count"));
        // live: the page keeps updating
        Operator.await(START, () -> browser.updatedAt() > first ? true : null, "a later update of the page");
        assertEquals("none", browser.script("return getComputedStyle(document.getElementById('error')).display;"));
        browser.screenshot(SHOTS.resolve("dashboard-desktop-live.png"));
    }

    @Test
    @Order(2)
    void aPlotMovesAsPointsArrive() throws Exception {
        String path = "svg.trend[data-series='gateway/uptime'] path";
        String before = Operator.await(START, () -> count(path) == 1 ? attr(path, "d") : null, "the uptime plot");
        long t0 = System.nanoTime();
        // a new 2 s point of a 2 s sensor reaches the page with the next trends poll and is drawn at the next status poll
        Duration twoPolls = Duration.ofMillis(2 * TRENDS_MS + STATUS_MS);
        String after = Operator.await(twoPolls, () -> {
            String d = attr(path, "d");
            return d != null && !d.equals(before) ? d : null;
        }, "a change of the uptime plot within two trend polls (was " + before + ")");
        System.out.printf("plot moved after %d ms: %d -> %d points%n", (System.nanoTime() - t0) / 1_000_000,
                points(before), points(after));
        assertTrue(points(after) >= 2, after);
    }

    @Test
    @Order(3)
    void aRefusedSettingIsShownWithItsRule() throws Exception {
        assertTrue(new Operator(gw).configure(READING_PIPELINE, Map.of("max.lanes", "0")) < 400);
        String row = "#refused tr[data-pid='" + READING_PIPELINE + "'][data-property='max.lanes']";
        Operator.await(START, () -> count(row) == 1 ? true : null, "the refused max.lanes=0 on the page: " + text("#refused"));
        JsonObject refused = null;
        for (var r : status().getAsJsonArray("refused")) {
            if (r.getAsJsonObject().get("pid").getAsString().equals(READING_PIPELINE)) {
                refused = r.getAsJsonObject();
            }
        }
        assertTrue(refused != null, "status.json lists the refusal");
        String shown = text(row);
        assertEquals(refused.get("value").getAsString(), text(row + " td:nth-child(3)"), shown);
        assertTrue(refused.get("value").getAsString().matches("\"?0\"?"), refused.toString());
        assertTrue(text(row + " td:nth-child(4)").contains("(rule: " + refused.get("rule").getAsString() + ")"), shown);
        assertFalse(refused.get("rule").getAsString().isBlank(), refused.toString());
        assertEquals(refused.get("running").getAsString(), text(row + " td:nth-child(5)"), shown);
        assertEquals("1", attr("#refused", "data-count"));
        System.out.println("refused row: " + shown);
    }

    @Test
    @Order(4)
    void aPhoneNeedsNoHorizontalScrolling() throws Exception {
        try {
            browser.phone(390, 844);
            long at = browser.updatedAt();
            Operator.await(START, () -> browser.updatedAt() > at ? true : null, "an update at the phone's size");
            assertEquals(390L, browser.script("return window.innerWidth;"));
            long scrollWidth = (Long) browser.script("return document.documentElement.scrollWidth;");
            assertTrue(scrollWidth <= 390, "the page is " + scrollWidth + " px wide on a 390 px screen");
            browser.screenshot(SHOTS.resolve("dashboard-phone-before-fault.png"));
        } finally {
            browser.phone(null, null);
        }
    }

    @Test
    @Order(5)
    void aFaultInjectedInTheSimulatorShowsOnItsSensor() throws Exception {
        long periodMs = Long.parseLong(configured(AIR, "sampling.period.full.ms"));
        int threshold = Integer.parseInt(configured(SAMPLER, "fault.threshold"));
        JsonObject air = sensor(status(), "air");
        assertEquals(periodMs, air.get("period_ms").getAsLong(), "the BME280 runs at its FULL period: " + air);
        // the first failing read comes within one period of the injection, the sensor is faulted at the
        // threshold's, the dashboard's document is at most a second old and the page reads it every STATUS_MS
        long bound = threshold * periodMs + DOCUMENT_SHARED_MS + STATUS_MS;
        browser.script("window.wrenFaultAt = null; new MutationObserver((l, o) => {"
                + " if (document.querySelector(\"div.sensor[data-sensor='air'] span.badge.fault\")) {"
                + " window.wrenFaultAt = Date.now(); o.disconnect(); } })"
                + ".observe(document.body, {childList: true, subtree: true});");
        browser.screenshot(SHOTS.resolve("dashboard-desktop-before-fault.png"));

        Path probe = ShellProbe.bundle(dir.resolve("probe"), "dev.wren.itests.dashboard.fault", "wren:sim fault 1:0x76 nack");
        assertTrue(new Operator(gw).install(probe) < 400, "probe installed");
        String line = gw.awaitLine(Pattern.quote(ShellProbe.PREFIX + "wren:sim fault 1:0x76 nack -> "), START);
        assertEquals("ok", ShellProbe.result(line), line);
        long injected = ShellProbe.started(line);

        Object seen = Operator.await(Duration.ofMillis(3 * bound), () -> browser.script("return window.wrenFaultAt;"),
                "the fault badge on sensor air");
        long delay = ((Number) seen).longValue() - injected;
        System.out.printf("fault badge shown %d ms after the injection (bound %d ms: %d x %d ms period + %d + %d)%n",
                delay, bound, threshold, periodMs, DOCUMENT_SHARED_MS, STATUS_MS);
        assertTrue(delay <= bound, "fault shown after " + delay + " ms, more than " + bound + " ms");
        assertEquals("BUS_ERROR", attr("div.sensor[data-sensor='air'] span.badge.fault", "data-fault"));
        String reason = text("div.sensor[data-sensor='air'] .fault-reason");
        assertTrue(reason.contains("ACK"), reason);
        assertTrue(attr("div.sensor[data-sensor='air']", "class").contains("faulted"));
        assertEquals(1, count("span.badge.fault"), "only the BME280 is faulted: " + text("#sensors"));
        browser.screenshot(SHOTS.resolve("dashboard-desktop-after-fault.png"));
        try {
            browser.phone(390, 844);
            long at = browser.updatedAt();
            Operator.await(START, () -> browser.updatedAt() > at ? true : null, "an update at the phone's size");
            browser.script("document.querySelector(\"div.sensor[data-sensor='air']\").scrollIntoView();");
            browser.screenshot(SHOTS.resolve("dashboard-phone-after-fault.png"));
            assertTrue((Long) browser.script("return document.documentElement.scrollWidth;") <= 390);
        } finally {
            browser.phone(null, null);
        }
    }

    // --- the page, through the browser

    private String text(String css) {
        Object t = browser.script("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", css);
        return t == null ? "(no " + css + ")" : t.toString();
    }

    private String attr(String css, String name) {
        Object t = browser.script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
        return t == null ? null : t.toString();
    }

    private long count(String css) {
        return (Long) browser.script("return document.querySelectorAll(arguments[0]).length;", css);
    }

    /** @return stored (0) or delivered (1) from the outbox's "stored / delivered" row */
    private String outboxCounter(int which) {
        Matcher m = Pattern.compile("stored / delivered\\s+(\\d+) / (\\d+)").matcher(text("#outbox tbody"));
        return m.find() ? m.group(which + 1) : "0";
    }

    private static int points(String d) {
        return d.split("[ML]").length - 1;
    }

    // --- the gateway, over HTTP

    private JsonObject status() throws IOException {
        return JsonParser.parseString(gw.get(Browser.PAGE + "/status.json")).getAsJsonObject();
    }

    static JsonObject sensor(JsonObject status, String id) {
        JsonArray sensors = status.getAsJsonArray("sensors");
        for (var s : sensors) {
            if (s.getAsJsonObject().get("id").getAsString().equals(id)) {
                return s.getAsJsonObject();
            }
        }
        throw new AssertionError("no sensor " + id + " in " + sensors);
    }

    /** @return a property's value in the running configuration, as the console's configuration manager shows it */
    private String configured(String pid, String property) throws IOException {
        String json = gw.get("/system/console/configMgr/" + pid + ".json");
        Matcher m = Pattern.compile("\"" + Pattern.quote(property) + "\":\\{[^}]*?\"value\":\"?([^\",}]*)").matcher(json);
        assertTrue(m.find(), property + " not in " + json);
        return m.group(1);
    }
}
