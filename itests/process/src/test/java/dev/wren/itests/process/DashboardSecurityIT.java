package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.wren.itests.process.RawHttp.Answer;

/**
 * The dashboard's endpoints against bad input, on one gateway started with {@code ./wren run}: no answer
 * without credentials, a forged cross-site POST refused by the console's guard and without effect, an
 * oversized or malformed query refused without a server error, and 1000 connections open at once asking
 * for status.json while the sampler keeps reading (the health sensor's uptime keeps advancing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardSecurityIT {

    static final Duration START = Duration.ofSeconds(60);
    static final String PAGE = Browser.PAGE;
    static final List<String> ENDPOINTS = List.of(PAGE, PAGE + "/status.json", PAGE + "/trends.json", PAGE + "/metrics");
    static final String OVERVIEW = "/system/console/configMgr/dev.wren.dashboard.Overview";
    static final String ADMIN = "127.0.0.1";
    /** Requests without credentials come from here, so nothing they do can touch the admin's source. */
    static final String STRANGER = "127.0.0.3";
    /** The watcher of the health sensor under the load: a source of its own, so the guard's per-source limits do not mix it with the load. */
    static final String WATCHER = "127.0.0.4";
    static final String EVIL = "http://evil.example";
    /** Connections open at once; another number with -Dwren.dashboard.connections= (e.g. to find where a gateway gives in). */
    static final int CONNECTIONS = Integer.getInteger("wren.dashboard.connections", 1000);
    /** How long the load may wait for the health sensor (read every 2 s here) to be read twice: a give-up, not a measure. */
    static final Duration LOAD_GIVE_UP = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private GatewayProcess gw;
    private RawHttp http;

    @BeforeAll
    void start() throws Exception {
        gw = GatewayProcess.start(dir.resolve("data"), GatewayProcess.freePort(), null,
                Map.of("WREN_CONFIG", DashboardBrowserIT.config(dir.resolve("config"), null).toString()));
        http = new RawHttp(gw.port);
        Ready.await(gw, START);
        Operator.await(START, () -> uptime() > 0 ? true : null, "a reading of the health sensor");
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    @Order(1)
    void everyEndpointAnswers401WithoutCredentials() throws Exception {
        for (String path : ENDPOINTS) {
            for (String method : List.of("GET", "HEAD")) {
                Answer a = http.send(STRANGER, method, path, Map.of(), null, null);
                assertEquals(401, a.status(), method + " " + path + ": " + a.body());
                assertTrue(a.headers().getOrDefault("www-authenticate", "").startsWith("Basic"), a.headers().toString());
                assertFalse(a.body().contains("gateway_uptime_s") || a.body().contains("wren_"), a.body());
            }
            Answer wrongUser = http.get(STRANGER, path, Map.of("Authorization", RawHttp.basic("root", "")));
            assertEquals(401, wrongUser.status(), path);
            assertEquals(200, http.get(ADMIN, path, admin()).status(), path + " with the admin's credentials");
        }
    }

    @Test
    @Order(2)
    void aForgedCrossSitePostIsRefusedAndChangesNothing() throws Exception {
        String config = http.get(ADMIN, OVERVIEW + ".json", admin()).body();
        String refused = status().get("refused").toString();
        String form = "apply=true&action=ajaxConfigManager&propertylist=trend.bucket.s&trend.bucket.s=7";
        for (String path : List.of(PAGE, PAGE + "/", PAGE + "/status.json")) {
            for (Map<String, String> foreign : List.of(Map.of("Origin", EVIL), Map.of("Referer", EVIL + "/cats.html"))) {
                Answer post = http.postForm(ADMIN, path, admin(foreign), form);
                assertEquals(403, post.status(), path + " " + foreign + ": " + post.body());
                assertTrue(post.body().startsWith("Refused: ") && post.body().contains(EVIL), post.body());
            }
        }
        // the same POST from the console's own origin reaches the dashboard, which serves GET and HEAD only
        // (the servlet API answers 405 to HTTP/1.1 and 400 to HTTP/1.0, which RawHttp speaks)
        Answer own = http.postForm(ADMIN, PAGE, admin(Map.of("Origin", http.origin())), form);
        assertTrue(List.of(400, 405).contains(own.status()) && own.body().contains("POST is not supported"),
                own.status() + " " + own.body());
        assertEquals(config, http.get(ADMIN, OVERVIEW + ".json", admin()).body(), "the dashboard's configuration");
        assertEquals(refused, status().get("refused").toString(), "the settings refused");
        gw.awaitLine("WARN  \\[dev\\.wren\\.guard\\] Refused POST " + Pattern.quote(PAGE)
                + " from 127\\.0\\.0\\.1: Origin names http://evil\\.example", START);
    }

    @Test
    @Order(3)
    void oversizedAndMalformedQueriesAreRefusedWithoutAServerError() throws Exception {
        Answer huge = http.get(ADMIN, PAGE + "/status.json?" + "a".repeat(10_000), admin());
        assertTrue(List.of(400, 414, 431).contains(huge.status()), huge.status() + " " + huge.body());
        assertFalse(huge.body().contains("gateway_uptime_s"), "no document for a refused request");
        System.out.println("a 10 000-character query: " + huge.status() + " " + firstLine(huge.body()));
        Answer over = http.get(ADMIN, PAGE + "/status.json?" + "a".repeat(257), admin());
        assertEquals(400, over.status(), over.body());
        assertTrue(over.body().startsWith("Refused: ") && over.body().contains(" 257 characters"), over.body());
        assertEquals(200, http.get(ADMIN, PAGE + "/status.json?" + "a".repeat(256), admin()).status(),
                "a cache-buster up to 256 characters is tolerated");
        for (String path : List.of(PAGE + "/status.json?x=%zz", PAGE + "/status.json?%", PAGE + "/trends.json?x=%E0%A4%A",
                PAGE + "/%zz", PAGE + "/status.json%", PAGE + "%", PAGE + "/%2e%2e/%2e%2e/configMgr", PAGE + "/metrics?%00",
                PAGE + "/..;/configMgr", PAGE + "?" + "%".repeat(200), PAGE + "/%C0%AE%C0%AE/")) {
            Answer a = http.get(ADMIN, path, admin());
            System.out.println(path.substring(0, Math.min(60, path.length())) + ": " + a.status());
            assertTrue(a.status() < 500, path + ": " + a.status() + " " + a.body());
            assertFalse(a.body().contains("\"properties\""), path + " reached a configuration: " + a.body());
        }
        assertEquals(200, http.get(ADMIN, PAGE + "/status.json", admin()).status(), "still serving");
        assertFalse(gw.output().stream().anyMatch(l -> l.contains("ERROR") && l.contains("wren")),
                String.join("\n", gw.output()));
    }

    /**
     * Every connection is kept alive and asks again once answered, as open dashboards polling do. Last: a
     * gateway that does not survive it answers nothing afterwards.
     */
    @Test
    @Order(4)
    void aThousandConnectionsAtOnceDoNotStopTheSampler() throws Exception {
        double before = uptime();
        List<double[]> during = new CopyOnWriteArrayList<>();
        AtomicBoolean allOpen = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        // a watcher reads the health sensor's uptime, through a connection of its own, while the load runs
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try {
                    if (allOpen.get()) {
                        during.add(new double[] {uptime(WATCHER), System.nanoTime() / 1e6});
                    }
                } catch (IOException | RuntimeException e) {
                    during.add(new double[] {Double.NaN, System.nanoTime() / 1e6});
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "uptime-watcher");
        watcher.start();
        Load load;
        try {
            // every connection asks again and again (keep-alive) until the watcher has seen the health
            // sensor read twice more while all of them were open; a sampler that stops fails at the timeout
            load = Load.run(gw.port, admin().get("Authorization"), CONNECTIONS, allOpen,
                    () -> advances(during) >= 2, LOAD_GIVE_UP);
        } finally {
            done.set(true);
            watcher.join();
        }
        System.out.printf(Locale.ROOT, "%d of %d connections open at once (%d refused or reset), %d requests answered %s in %d ms;"
                + " uptime readings while open: %s%n", load.opened, CONNECTIONS, load.failed, load.answered, load.statuses, load.millis,
                during.stream().map(d -> String.format(Locale.ROOT, "%.1f", d[0])).toList());
        List<String> errors = gw.output().stream().filter(l -> l.contains("OutOfMemoryError") || l.contains("ERROR")).limit(5).toList();
        assertEquals(List.of(), errors, "the gateway's errors under the load");
        assertEquals(CONNECTIONS, load.opened + load.failed);
        assertTrue(load.answered > 0, "no request answered");
        assertTrue(load.statuses.keySet().stream().allMatch(s -> s == 200 || s == 503 || s == 429), load.statuses.toString());
        assertTrue(advances(during) >= 2, "the health sensor's uptime did not advance while the connections were open: "
                + during.stream().map(d -> d[0]).toList());
        // and after
        double last = uptime();
        assertTrue(last > before);
        Operator.await(START, () -> uptime() > last ? true : null, "a reading of the health sensor after the load");
        assertNull(gw.exitStatus(Duration.ZERO), "the gateway is running");
        assertEquals(200, http.get(ADMIN, PAGE + "/status.json", admin()).status());
    }

    /** @return how many times the uptime rose between the watcher's readings (the requests it got answered) */
    private static int advances(List<double[]> readings) {
        int n = 0;
        double last = Double.NaN;
        for (double[] r : readings) {
            if (!Double.isNaN(r[0])) {
                if (!Double.isNaN(last) && r[0] > last) {
                    n++;
                }
                last = r[0];
            }
        }
        return n;
    }

    /** 1000 keep-alive connections on one selector, each sending GET status.json again once answered. */
    static final class Load {
        int opened;
        int failed;
        long answered;
        long millis;
        final Map<Integer, Long> statuses = new TreeMap<>();

        private static final class Conn {
            ByteBuffer out;
            final ByteBuffer in = ByteBuffer.allocate(1 << 20);
            boolean open;
        }

        static Load run(int port, String authorization, int connections, AtomicBoolean allOpen,
                java.util.function.BooleanSupplier enough, Duration timeout) throws IOException {
            Load load = new Load();
            byte[] request = ("GET " + PAGE + "/status.json HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: "
                    + authorization + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            long t0 = System.nanoTime();
            long deadline = t0 + timeout.toNanos();
            List<SocketChannel> channels = new ArrayList<>();
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < connections; i++) {
                    SocketChannel ch = SocketChannel.open();
                    channels.add(ch);
                    ch.configureBlocking(false);
                    Conn c = new Conn();
                    try {
                        ch.connect(new InetSocketAddress("127.0.0.1", port));
                        ch.register(selector, SelectionKey.OP_CONNECT, c);
                    } catch (IOException e) {
                        load.failed++;
                        ch.close();
                    }
                }
                while (System.nanoTime() < deadline) {
                    if (load.opened + load.failed == connections && load.opened > 0) {
                        allOpen.set(true);
                        if (enough.getAsBoolean()) {
                            break;
                        }
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel ch = (SocketChannel) key.channel();
                        Conn c = (Conn) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                ch.finishConnect();
                                c.open = true;
                                load.opened++;
                                c.out = ByteBuffer.wrap(request);
                                key.interestOps(SelectionKey.OP_WRITE);
                            } else if (key.isWritable()) {
                                ch.write(c.out);
                                if (!c.out.hasRemaining()) {
                                    key.interestOps(SelectionKey.OP_READ);
                                }
                            } else if (key.isReadable()) {
                                if (ch.read(c.in) < 0) {
                                    throw new IOException("closed by the gateway");
                                }
                                int status = complete(c.in);
                                if (status > 0) {
                                    load.answered++;
                                    load.statuses.merge(status, 1L, Long::sum);
                                    c.in.clear();
                                    c.out = ByteBuffer.wrap(request);
                                    key.interestOps(SelectionKey.OP_WRITE);
                                }
                            }
                        } catch (IOException e) {
                            if (c.open) {
                                load.opened--;
                            }
                            load.failed++;
                            key.cancel();
                            ch.close();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } finally {
                for (SocketChannel ch : channels) {
                    ch.close();
                }
            }
            load.millis = (System.nanoTime() - t0) / 1_000_000;
            return load;
        }

        private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

        /** @return the status of the complete answer in {@code in}, or 0 while it is not complete */
        private static int complete(ByteBuffer in) {
            String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return 0;
            }
            Matcher m = LENGTH.matcher(text.substring(0, end));
            long length = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (text.length() - end - 4 < length) {
                return 0;
            }
            return Integer.parseInt(text.substring(9, 12));
        }
    }

    private double uptime() throws IOException {
        return uptime(ADMIN);
    }

    private double uptime(String from) throws IOException {
        JsonObject gateway = DashboardBrowserIT.sensor(status(from), "gateway");
        for (var v : gateway.getAsJsonArray("values")) {
            if (v.getAsJsonObject().get("quantity").getAsString().equals("uptime")) {
                return v.getAsJsonObject().get("value").getAsDouble();
            }
        }
        return 0;
    }

    private JsonObject status() throws IOException {
        return status(ADMIN);
    }

    private JsonObject status(String from) throws IOException {
        Answer a = http.get(from, PAGE + "/status.json", admin());
        if (a.status() != 200) {
            throw new IOException("status.json: " + a.status());
        }
        return JsonParser.parseString(a.body()).getAsJsonObject();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private Map<String, String> admin() throws IOException {
        return admin(Map.of());
    }

    private Map<String, String> admin(Map<String, String> more) throws IOException {
        Map<String, String> h = new HashMap<>(more);
        h.put("Authorization", RawHttp.basic("admin", gw.password()));
        return h;
    }
}
