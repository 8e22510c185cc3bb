package dev.wren.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Startup and idle footprint of the standalone gateway, started with {@code ./wren run} as a user
 * would: time from process start to "web console answers an authenticated request and reports every
 * Wren component active", first start (empty data directory) and restart, then RSS and threads
 * after an idle period, the part of that RSS that is dirty (anonymous memory and modified private
 * mappings, {@code /proc/<pid>/smaps_rollup}: what the kernel cannot reclaim without swap, unlike the
 * clean pages of the JVM's and ONNX Runtime's libraries), and the bytes the restart wrote to storage
 * by then ({@code /proc/<pid>/io}).
 * Run side by side with the launcher's small-footprint JVM flags and with the JVM's defaults. Prints
 * a Markdown table of medians (and min/max).
 *
 * <p>System properties: {@code runs} (default 5), {@code idle} seconds (default 30),
 * {@code wren.home} (the repository root); {@code candidate}: JVM options of a third column run in
 * the same loop, alternating (e.g. an earlier or a proposed flag set, so before and after are compared
 * on the same moment of the machine), and {@code candidate.env}: environment of that column as
 * space-separated {@code NAME=value} pairs (e.g. {@code MALLOC_ARENA_MAX=16}); {@code candidate.home}:
 * another built checkout that column starts instead (e.g. the commit before a change, built beside
 * this one); {@code candidate.name} labels its row; {@code poll}: milliseconds between two readiness
 * checks (default 50). Each check is an authenticated request for the console's components page,
 * which takes the gateway 7-10 ms to answer while it starts: polling every 10 ms, as runs 1-10 did,
 * kept about one of the two cores busy serving the benchmark and delayed what it measured.
 */
public final class StartupBenchmark {

    private static final Pattern COMPONENT = Pattern.compile("\"name\":\"(dev\\.wren\\.[^\"]+)\",\"state\":\"([a-z ]+)\"");
    private static final int WREN_COMPONENTS = 16;
    private static final long POLL_MS = Long.getLong("poll", 50);

    /** dirtyMb: the part of the RSS the kernel cannot drop and read back from a file (no swap on a Pi). */
    record Run(double firstMs, double restartMs, double rssMb, double dirtyMb, long threads, double writtenMb) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        int idle = Integer.getInteger("idle", 30);
        System.out.printf(Locale.ROOT, "%d runs per configuration, RSS after %d s idle, readiness checked every %d ms,"
                + " %d cores, java %s%n%n", runs, idle, POLL_MS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        String candidate = System.getProperty("candidate");
        Map<String, String> candidateEnv = new LinkedHashMap<>();
        for (String pair : System.getProperty("candidate.env", "").trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                candidateEnv.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        String candidateHome = System.getProperty("candidate.home");
        boolean third = candidate != null || !candidateEnv.isEmpty() || candidateHome != null;
        Path own = Path.of(System.getProperty("wren.home", "."));
        Path home = candidateHome != null ? Path.of(candidateHome) : own;
        if (third) {
            System.out.printf(Locale.ROOT, "candidate: %s, WREN_JAVA_OPTS=%s, environment %s%n%n", home.toAbsolutePath(),
                    candidate == null ? "(launcher default)" : "\"" + candidate + "\"", candidateEnv);
        }
        List<Run> small = new ArrayList<>();
        List<Run> defaults = new ArrayList<>();
        List<Run> candidates = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            small.add(run(own, null, Map.of(), "wren", idle));
            defaults.add(run(own, " ", Map.of(), "jvm", idle));
            if (third) {
                candidates.add(run(home, candidate, candidateEnv, "candidate", idle));
            }
        }
        System.out.println("| JVM flags | first start (ms) | restart (ms) | RSS after idle (MB) | of it dirty (MB) |"
                + " threads | written by the restart until then (MB) |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("wren defaults (-Xmx64m giving memory back, SerialGC, C1 only with one compiler thread, malloc trimmed)", small);
        row("JVM defaults", defaults);
        if (!candidates.isEmpty()) {
            row(System.getProperty("candidate.name", "candidate"), candidates);
        }
    }

    private static Run run(Path home, String javaOpts, Map<String, String> env, String label, int idleSeconds)
            throws Exception {
        Path data = Files.createTempDirectory("wren-bench");
        int port = GatewayProcess.freePort();
        double first;
        try {
            try (GatewayProcess gw = GatewayProcess.start(home, data, port, javaOpts, env)) {
                first = ready(gw);
            }
            try (GatewayProcess gw = GatewayProcess.start(home, data, port, javaOpts, env)) {
                double restart = ready(gw);
                Thread.sleep(idleSeconds * 1000L);
                Run r = new Run(first, restart, gw.procStatus("VmRSS") / 1024.0,
                        (gw.proc("smaps_rollup", "Private_Dirty") + gw.proc("smaps_rollup", "Shared_Dirty")) / 1024.0,
                        gw.procStatus("Threads"), gw.proc("io", "write_bytes") / 1e6);
                System.out.printf(Locale.ROOT, "  %s: first %.0f ms, restart %.0f ms, RSS %.1f MB (%.1f MB dirty),"
                        + " %d threads, %.1f MB written%n", label, r.firstMs, r.restartMs, r.rssMb, r.dirtyMb, r.threads,
                        r.writtenMb);
                return r;
            }
        } finally {
            delete(data); // data, bundle cache and archive: about 70 MB per run
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * @return milliseconds from process start until the console answers an authenticated request
     *         and reports every Wren component active; prints when the console first answered
     */
    static double ready(GatewayProcess gw) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Path pw = gw.data.resolve("console-password");
        double console = -1;
        while (System.nanoTime() < deadline) {
            if (console < 0 && Files.exists(pw)
                    && gw.status("GET", "/system/console/", "admin", gw.password(), null) == 302) {
                console = (System.nanoTime() - gw.startedNanos) / 1e6;
            }
            if (console >= 0 && allActive(components(gw))) {
                double ready = (System.nanoTime() - gw.startedNanos) / 1e6;
                System.out.printf(Locale.ROOT, "    console answered at %.0f ms, all Wren components active at %.0f ms%n",
                        console, ready);
                return ready;
            }
            Thread.sleep(POLL_MS);
        }
        throw new AssertionError("gateway not ready within 60 s:\n" + String.join("\n", gw.output()));
    }

    /** @return the components page, or "" while the console's components plugin is not there yet */
    private static String components(GatewayProcess gw) {
        try {
            return gw.get("/system/console/components.json");
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean allActive(String json) {
        Matcher m = COMPONENT.matcher(json);
        int active = 0;
        while (m.find()) {
            if (m.group(2).equals("no config")) {
                continue; // a factory component with no instance yet (a source the board does not have)
            }
            if (!m.group(2).equals("active")) {
                return false;
            }
            active++;
        }
        return active >= WREN_COMPONENTS;
    }

    private static void row(String name, List<Run> runs) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name,
                stats(runs.stream().mapToDouble(Run::firstMs).toArray(), "%.0f"),
                stats(runs.stream().mapToDouble(Run::restartMs).toArray(), "%.0f"),
                stats(runs.stream().mapToDouble(Run::rssMb).toArray(), "%.1f"),
                stats(runs.stream().mapToDouble(Run::dirtyMb).toArray(), "%.1f"),
                stats(runs.stream().mapToDouble(Run::threads).toArray(), "%.0f"),
                stats(runs.stream().mapToDouble(Run::writtenMb).toArray(), "%.1f"));
    }

    /** @return "median (min-max)" */
    private static String stats(double[] v, String fmt) {
        double[] s = v.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, fmt + " (" + fmt + "-" + fmt + ")", median, s[0], s[s.length - 1]);
    }

    private StartupBenchmark() {
    }
}
