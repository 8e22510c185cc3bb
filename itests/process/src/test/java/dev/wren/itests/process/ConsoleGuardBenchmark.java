package dev.wren.itests.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the web console guard costs and what it buys, on one gateway started with {@code ./wren run}:
 * <ul>
 * <li>latency of an authenticated GET of a console page (/system/console/bundles) over a kept-alive
 * connection, with the guard bundle started and stopped, alternating in rounds within the same run;</li>
 * <li>an attacker's guessing rate: distinct wrong passwords sent one after another from 127.0.0.2 for a
 * fixed time, counting the guesses the console actually evaluated (answered 401) against those refused
 * unseen (429), with and without the guard.</li>
 * </ul>
 * System properties: {@code rounds} (default 5), {@code requests} per round and side (default 500),
 * {@code guessSeconds} (default 30), {@code wren.home}.
 */
public final class ConsoleGuardBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 5);
        int requests = Integer.getInteger("requests", 500);
        int guessSeconds = Integer.getInteger("guessSeconds", 30);
        Path data = Files.createTempDirectory("wren-guard-bench");
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            gw.awaitLine("password in ", Duration.ofSeconds(60));
            RawHttp raw = new RawHttp(gw.port);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest page = HttpRequest.newBuilder(URI.create(raw.origin() + "/system/console/bundles"))
                    .header("Authorization", RawHttp.basic("admin", gw.password())).GET().build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (client.send(page, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the console does not answer 200");
                }
                Thread.sleep(100);
            }
            long guard = bundleId(raw, gw, "dev.wren.guard");
            System.out.printf(Locale.ROOT, "%d rounds of %d GETs per side, %d cores, java %s%n", rounds, requests,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            List<Long> with = new ArrayList<>();
            List<Long> without = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                with.addAll(latencies(client, page, requests));
                bundle(raw, gw, guard, "stop");
                without.addAll(latencies(client, page, requests));
                bundle(raw, gw, guard, "start");
            }
            System.out.println();
            System.out.println("| guard | GETs | median (µs) | p90 (µs) | p99 (µs) |");
            System.out.println("|---|---|---|---|---|");
            row("started", with);
            row("stopped", without);
            System.out.printf(Locale.ROOT, "median cost of the guard: %+.0f µs per request (%.2fx)%n%n",
                    (pct(with, 50) - pct(without, 50)) / 1e3, (double) pct(with, 50) / pct(without, 50));

            Guessing on = guess(raw, "127.0.0.2", guessSeconds);
            bundle(raw, gw, guard, "stop");
            Guessing off = guess(raw, "127.0.0.3", guessSeconds);
            bundle(raw, gw, guard, "start");
            System.out.println("| guard | seconds | guesses evaluated (401) | refused unseen (429) | evaluated per second |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| started | %d | %d | %d | %.2f |%n", guessSeconds, on.evaluated, on.refused,
                    on.evaluated / (double) guessSeconds);
            System.out.printf(Locale.ROOT, "| stopped | %d | %d | %d | %.2f |%n", guessSeconds, off.evaluated, off.refused,
                    off.evaluated / (double) guessSeconds);
        }
    }

    record Guessing(int evaluated, int refused) {
    }

    private static Guessing guess(RawHttp raw, String from, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int evaluated = 0;
        int refused = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            int status = raw.get(from, "/system/console/bundles",
                    Map.of("Authorization", RawHttp.basic("admin", "guess-" + from + "-" + i))).status();
            if (status == 401) {
                evaluated++;
            } else if (status == 429) {
                refused++;
            } else {
                throw new AssertionError("a wrong password answered " + status);
            }
        }
        return new Guessing(evaluated, refused);
    }

    private static List<Long> latencies(HttpClient client, HttpRequest page, int n) throws Exception {
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n / 5; i++) {
            client.send(page, HttpResponse.BodyHandlers.ofByteArray());
        }
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = client.send(page, HttpResponse.BodyHandlers.ofByteArray());
            out.add(System.nanoTime() - t0);
            if (r.statusCode() != 200) {
                throw new AssertionError("the console answered " + r.statusCode());
            }
        }
        return out;
    }

    private static long bundleId(RawHttp raw, GatewayProcess gw, String symbolicName) throws Exception {
        String json = raw.get("127.0.0.1", "/system/console/bundles.json",
                Map.of("Authorization", RawHttp.basic("admin", gw.password()))).body();
        Matcher m = Pattern.compile("\\{\"id\":(\\d+),[^{}]*\"symbolicName\":\"" + Pattern.quote(symbolicName) + "\"")
                .matcher(json);
        if (!m.find()) {
            throw new AssertionError(symbolicName + " not in the console's bundle list");
        }
        return Long.parseLong(m.group(1));
    }

    private static void bundle(RawHttp raw, GatewayProcess gw, long id, String action) throws Exception {
        int status = raw.postForm("127.0.0.1", "/system/console/bundles/" + id,
                Map.of("Authorization", RawHttp.basic("admin", gw.password()), "Origin", raw.origin()),
                "action=" + action).status();
        if (status >= 400) {
            throw new AssertionError(action + " of bundle " + id + " answered " + status);
        }
        int expected = action.equals("start") ? 403 : 401;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (raw.send("127.0.0.1", "POST", "/system/console/bundles", Map.of("Origin", "http://elsewhere.example"),
                "text/plain", new byte[0]).status() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the guard did not " + action);
            }
            Thread.sleep(20);
        }
    }

    private static void row(String label, List<Long> ns) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |%n", label, ns.size(), pct(ns, 50) / 1e3,
                pct(ns, 90) / 1e3, pct(ns, 99) / 1e3);
    }

    private static long pct(List<Long> ns, int p) {
        List<Long> sorted = new ArrayList<>(ns);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
