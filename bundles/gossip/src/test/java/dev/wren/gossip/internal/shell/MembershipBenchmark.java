package dev.wren.gossip.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Issue 18: Wren's membership beside JGroups', each as {@code nodes} (10) separate JVM processes on
 * loopback, one system at a time. Needs Linux and root (iptables counts the bytes and injects the
 * loss). Run with {@code ./wren bench MembershipBenchmark [-Druns=3] [-Dsystems=wren,jgroups]}.
 *
 * <p><b>The members.</b> Wren: {@link WrenMember}, the gossip component's UDP shell and protocol
 * node with the shipped configuration (profile {@code lan}: probe every 1 s, timeout 0.5 s,
 * 3 indirect checks, suspicion 4 x probe interval at best, gossip every 200 ms to 3, anti-entropy
 * every 30 s; AES-GCM sealed), seeds = the 10 ports. JGroups: {@link JGroupsMember} on the test
 * resource {@code jgroups-membership.xml} (JGroups 5.5's udp.xml without IP multicast, TCPPING over
 * the same 10 ports, FD_SOCK2 + FD_ALL3 1 s / 5 s, VERIFY_SUSPECT2 1 s, MERGE3 10-30 s; the file
 * says why each timing), or {@code -Djgroups.stack=heartbeat} for {@code jgroups-heartbeat.xml},
 * the same without FD_SOCK2. Every member JVM gets the gateway launcher's default flags
 * ({@link #JVM_FLAGS}, as {@code wren-launch} without its class data sharing archive) and the
 * module's test class path (written by maven-dependency-plugin to {@code target/child-classpath.txt}).
 * A third kind, {@link IdleMember}, is the same JVM doing nothing: the floor under both.
 *
 * <p><b>A run</b>, per system: start the 10 members at once and wait until each counts 10
 * ({@code formed}); wait {@code settle.s} (30); read VmRSS and Threads from {@code /proc/<pid>/status}
 * of each member (and of one idle JVM started with them); count each member's bytes for
 * {@code window.s} (30) with the kernel's packet filter ({@link Netfilter}: IP length, headers
 * included, sent plus received, the same way for both); then {@code kills} (3) times SIGKILL one
 * member (never the same twice in a row, the first is the first started: JGroups' coordinator)
 * and time until every other member has said it is gone (Wren: DEAD; JGroups: a view without it),
 * start it again and wait until the 10 count 10 again; last, drop {@code loss} (10 %) of the UDP
 * datagrams to the members' ports at random on receipt for {@code loss.s} (120) and count the
 * suspicions the members' own failure detectors raised (Wren: its probes' suspicions; JGroups:
 * SUSPECT events above FD_ALL3, which FD_SOCK2's also pass), those acted on (Wren: declared dead;
 * JGroups: passed VERIFY_SUSPECT2) and the live members some member dropped (GONE lines until 10 s
 * after the loss ends). Nobody fails during the loss, so every suspicion there is a false one.
 *
 * <p>Prints each run's figures, then medians over runs (per-node figures: the median member of a
 * run, then the median run). Members' standard error goes to {@code target/membership/<system>/}.
 */
public final class MembershipBenchmark {

    /** The gateway launcher's default JVM options (distribution/src/main/sh/wren-launch). */
    static final List<String> JVM_FLAGS = List.of("-Xms24m", "-Xmx64m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=3",
            "-XX:CICompilerCount=1", "-Xss512k", "-XX:MaxMetaspaceSize=64m", "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:TrimNativeHeapInterval=5000", "-Djava.net.preferIPv4Stack=true");

    static final int WREN_PORT = 47_100;
    static final int JGROUPS_PORT = 47_200;
    /** FD_SOCK2's listening port: the member's UDP port plus its offset (100). */
    static final int FD_SOCK_PORT = JGROUPS_PORT + 100;

    private MembershipBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        requireRoot();
        int nodes = Integer.getInteger("nodes", 10);
        int runs = Integer.getInteger("runs", 3);
        int settle = Integer.getInteger("settle.s", 30);
        int window = Integer.getInteger("window.s", 30);
        int kills = Integer.getInteger("kills", 3);
        double loss = Double.parseDouble(System.getProperty("loss", "0.1"));
        int lossSeconds = Integer.getInteger("loss.s", 120);
        List<String> systems = List.of(System.getProperty("systems", "wren,jgroups").split(","));
        String stack = "dev/wren/gossip/internal/shell/jgroups-" + System.getProperty("jgroups.stack", "membership")
                + ".xml";

        Path target = Path.of(MembershipBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        String classPath = target.resolve("classes") + java.io.File.pathSeparator + target.resolve("test-classes")
                + java.io.File.pathSeparator + Files.readString(target.resolve("child-classpath.txt")).trim();
        String java = ProcessHandle.current().info().command().orElse("java");

        List<Integer> udp = new ArrayList<>();
        List<Integer> tcp = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            udp.add(WREN_PORT + i);
            udp.add(JGROUPS_PORT + i);
            tcp.add(FD_SOCK_PORT + i);
        }
        System.out.printf("MembershipBenchmark: %d members, %d runs, settle %d s, window %d s, %d kills, "
                + "%.0f %% loss for %d s, JGroups stack %s%n", nodes, runs, settle, window, kills, loss * 100,
                lossSeconds, stack);
        Map<String, List<RunResult>> results = new LinkedHashMap<>();
        try (Netfilter nf = new Netfilter(udp, tcp, WREN_PORT, FD_SOCK_PORT + nodes)) {
            Runtime.getRuntime().addShutdownHook(new Thread(nf::close));
            for (int run = 0; run < runs; run++) {
                for (String system : systems) {
                    Path logs = Files.createDirectories(target.resolve("membership").resolve(system));
                    IntFunction<List<String>> cmd = i -> command(java, classPath, system, stack, nodes, i);
                    RunResult r = new Run(system, nodes, cmd, logs, nf, java, classPath).measure(run, settle,
                            window, kills, loss, lossSeconds);
                    System.out.println(r);
                    results.computeIfAbsent(system, k -> new ArrayList<>()).add(r);
                }
            }
        }
        System.out.println();
        System.out.println(RunResult.table(results));
    }

    /** The command line of member {@code i} of {@code system}. */
    static List<String> command(String java, String classPath, String system, String stack, int nodes, int i) {
        List<String> c = new ArrayList<>(List.of(java));
        c.addAll(JVM_FLAGS);
        switch (system) {
            case "wren" -> {
                c.addAll(List.of("-cp", classPath, WrenMember.class.getName(), Cluster.id(i),
                        Integer.toString(WREN_PORT + i)));
                for (int j = 0; j < nodes; j++) {
                    c.add(Integer.toString(WREN_PORT + j));
                }
            }
            case "jgroups" -> {
                StringBuilder hosts = new StringBuilder();
                for (int j = 0; j < nodes; j++) {
                    hosts.append(j == 0 ? "" : ",").append("127.0.0.1[").append(JGROUPS_PORT + j).append(']');
                }
                c.addAll(List.of("-Djgroups.bind_port=" + (JGROUPS_PORT + i),
                        "-Djgroups.tcpping.initial_hosts=" + hosts, "-cp", classPath, JGroupsMember.class.getName(),
                        stack, Cluster.id(i)));
            }
            case "idle" -> c.addAll(List.of("-cp", classPath, IdleMember.class.getName()));
            default -> throw new IllegalArgumentException("systems: wren, jgroups; was " + system);
        }
        return c;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String f(double v) {
        return String.format(Locale.ROOT, v >= 100 || v == Math.rint(v) ? "%.0f" : "%.1f", v);
    }

    /** Runs of the benchmark need root: iptables. */
    static void requireRoot() throws IOException {
        if (!"0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim())) {
            throw new IOException("MembershipBenchmark needs root (iptables counts bytes and drops datagrams)");
        }
    }
}
