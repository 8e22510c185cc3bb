package dev.wren.gossip.internal.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** One run of {@link MembershipBenchmark} for one system: the steps its class comment lists. */
final class Run {

    private static final long FORM_TIMEOUT = 120_000;
    private static final long GONE_TIMEOUT = 90_000;

    private final String system;
    private final int nodes;
    private final IntFunction<List<String>> command;
    private final Path logs;
    private final Netfilter nf;
    private final String java;
    private final String classPath;

    Run(String system, int nodes, IntFunction<List<String>> command, Path logs, Netfilter nf, String java,
            String classPath) {
        this.system = system;
        this.nodes = nodes;
        this.command = command;
        this.logs = logs;
        this.nf = nf;
        this.java = java;
        this.classPath = classPath;
    }

    RunResult measure(int run, int settle, int window, int kills, double loss, int lossSeconds) throws Exception {
        RunResult r = new RunResult(system, run);
        try (Cluster c = new Cluster(nodes, command, logs);
                Cluster idle = new Cluster(1, i -> MembershipBenchmark.command(java, classPath, "idle", "", 1, 0),
                        logs.resolveSibling("idle-" + logs.getFileName()))) {
            Files.createDirectories(logs.resolveSibling("idle-" + logs.getFileName()));
            long t0 = System.currentTimeMillis();
            for (int i = 0; i < nodes; i++) {
                c.start(i);
            }
            idle.start(0);
            if (!c.awaitComplete(FORM_TIMEOUT)) {
                throw new IllegalStateException(system + ": the " + nodes + " members did not all see each other within "
                        + FORM_TIMEOUT / 1000 + " s; see " + logs);
            }
            r.formedMillis = System.currentTimeMillis() - t0;
            Thread.sleep(settle * 1000L);
            for (int i = 0; i < nodes; i++) {
                ProcStatus s = ProcStatus.of(c.pid(i));
                r.rssKb.add((double) s.rssKb());
                r.threads.add((double) s.threads());
            }
            ProcStatus floor = ProcStatus.of(idle.pid(0));
            r.idleRssKb = floor.rssKb();
            r.idleThreads = floor.threads();

            Map<Integer, long[]> b0 = nf.bytes();
            long w0 = System.nanoTime();
            Thread.sleep(window * 1000L);
            Map<Integer, long[]> b1 = nf.bytes();
            double seconds = (System.nanoTime() - w0) / 1e9;
            for (int i = 0; i < nodes; i++) {
                int port = (system.equals("wren") ? MembershipBenchmark.WREN_PORT : MembershipBenchmark.JGROUPS_PORT) + i;
                double udp = (delta(b0, b1, port)[0]) / 2.0;
                double tcp = delta(b0, b1, MembershipBenchmark.FD_SOCK_PORT + i)[1];
                r.bytesPerSecond.add((udp + (system.equals("wren") ? 0 : tcp)) / seconds);
                r.tcpBytesPerSecond.add(system.equals("wren") ? 0 : tcp / seconds);
            }

            for (int k = 0; k < kills; k++) {
                int victim = (k * 7 + run * 3) % nodes;
                long killed = c.kill(victim);
                long[] at = c.awaitGone(victim, killed, GONE_TIMEOUT);
                long first = Long.MAX_VALUE;
                long last = 0;
                boolean all = true;
                for (int i = 0; i < nodes; i++) {
                    if (i != victim) {
                        all &= at[i] >= 0;
                        if (at[i] >= 0) {
                            first = Math.min(first, at[i] - killed);
                            last = Math.max(last, at[i] - killed);
                        }
                    }
                }
                r.detectFirst.add(first == Long.MAX_VALUE ? Double.NaN : first / 1000.0);
                r.detectAll.add(all ? last / 1000.0 : Double.NaN);
                r.victims.add(Cluster.id(victim));
                c.start(victim);
                if (!c.awaitComplete(FORM_TIMEOUT)) {
                    throw new IllegalStateException(system + ": " + Cluster.id(victim) + " did not rejoin within "
                            + FORM_TIMEOUT / 1000 + " s; see " + logs);
                }
                Thread.sleep(5_000);
            }

            Thread.sleep(5_000);
            long[] s0 = c.suspicions();
            long l0 = System.currentTimeMillis();
            nf.loss(loss);
            try {
                Thread.sleep(lossSeconds * 1000L);
            } finally {
                nf.loss(0);
            }
            long l1 = System.currentTimeMillis();
            Thread.sleep(10_000);
            long[] s1 = c.suspicions();
            r.lossSeconds = (l1 - l0) / 1000.0;
            r.suspicionsRaised = s1[0] - s0[0];
            r.suspicionsActed = s1[1] - s0[1];
            r.falseRemovals = c.goneBetween(l0, l1 + 10_000).size();
            r.completeAfterLoss = c.awaitComplete(60_000);
        }
        return r;
    }

    private static long[] delta(Map<Integer, long[]> b0, Map<Integer, long[]> b1, int port) {
        long[] a = b0.getOrDefault(port, new long[2]);
        long[] b = b1.getOrDefault(port, new long[2]);
        return new long[] {b[0] - a[0], b[1] - a[1]};
    }
}
