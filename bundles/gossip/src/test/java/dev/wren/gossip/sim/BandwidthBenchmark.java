package dev.wren.gossip.sim;

import java.util.Locale;

import dev.wren.gossip.internal.GossipConfig;

/**
 * Bytes on the wire per node per second with the default LAN profile at N nodes (default 1000),
 * sealed size (the simulator's clear envelope has the exact size of an AES-GCM packet), in steady
 * state: every node rewrites its "load" and its "outbox" depth every {@code writeEvery} s,
 * staggered, for each value of {@code -DwriteEvery} (default {@code 0,300,60}; 0: no writes,
 * membership traffic only). Goal &lt; 20 kbit/s at N=1000.
 *
 * <pre>
 * mvn -q -pl bundles/gossip test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.gossip.sim.BandwidthBenchmark [-Dnodes=1000] [-Dloss=0] [-Dseconds=120] [-DwriteEvery=0,300,60]
 * </pre>
 */
public final class BandwidthBenchmark {

    private BandwidthBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("| nodes | loss | writes per node | packets/s per node | bytes/s per node | kbit/s per node "
                + "| goal < 20 kbit/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String w : System.getProperty("writeEvery", "0,300,60").split(",")) {
            run(Integer.getInteger("nodes", 1000), Double.parseDouble(System.getProperty("loss", "0")),
                    Integer.getInteger("seconds", 120), Integer.parseInt(w.trim()));
        }
    }

    static void run(int n, double loss, int seconds, int writeEvery) {
        long wall = System.nanoTime();
        Simulation sim = new Simulation(21, GossipConfig.lan());
        sim.network.loss(loss);
        sim.startKnown(n);
        long setup = System.nanoTime();
        sim.run(40_000);
        long bytes0 = sim.bytesSent;
        long packets0 = sim.packetsSent;
        long t0 = sim.elapsed();
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < n; i++) {
                if (writeEvery > 0 && (i + s) % writeEvery == 0) {
                    int k = i;
                    int v = s;
                    sim.act(i, node -> node.publish("load", String.format(Locale.ROOT, "0.%02d", (k + v) % 100), sim.now()));
                }
                if (writeEvery > 0 && (i + s + writeEvery / 2) % writeEvery == 0) {
                    int v = s;
                    sim.act(i, node -> node.publish("outbox", Integer.toString(v * 13 % 5000), sim.now()));
                }
            }
            sim.run(1_000);
        }
        double secs = (sim.elapsed() - t0) / 1000.0;
        double perNode = (sim.bytesSent - bytes0) / secs / n;
        double pps = (sim.packetsSent - packets0) / secs / n;
        double wallS = (System.nanoTime() - wall) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.err.printf(Locale.ROOT, "%d nodes: setup %.1f s, %.0f simulated s in %.1f s wall, heap used %d MB%n", n,
                (setup - wall) / 1e9, sim.elapsed() / 1000.0, wallS, (rt.totalMemory() - rt.freeMemory()) >> 20);
        System.out.printf(Locale.ROOT, "| %d | %.0f %% | %s | %.1f | %.0f | %.2f | %s |%n", n, loss * 100,
                writeEvery > 0 ? "2 per " + writeEvery + " s" : "none", pps, perNode,
                perNode * 8 / 1000, perNode * 8 / 1000 < 20 ? "met" : "MISSED");
    }
}
