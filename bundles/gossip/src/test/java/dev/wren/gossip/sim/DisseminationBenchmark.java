package dev.wren.gossip.sim;

import java.util.Locale;
import java.util.SplittableRandom;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.peer.PeerDirectory;

/**
 * Rounds (gossip intervals) for one membership change (node 0 leaves) to reach 99.9 % of N nodes
 * at 0/10/30 % loss, next
 * to the closed-form model of Serf's convergence simulator:
 * {@code x(t) = 1 / (1 + (n + 1) e^(-(fanout / 2) (1 - loss) t))}, so
 * {@code t(99.9 %) = ln(999 (n + 1)) / ((fanout / 2) (1 - loss))}. Goal: at most 1.2x the model.
 *
 * <p>"full" runs the real nodes (LAN profile, every node knowing every other one, dissemination on
 * gossip rounds and piggybacked on probes); it needs N² member entries, about 0.25 KB each, so N=10000
 * needs a large heap ({@code -Dfull=1000,10000} with {@code -Xmx32g}). "queue model" replays only the
 * dissemination rule (a gossip round every interval to {@code gossipNodes} random members, each
 * update sent retransmitMult x ceil(log10(N+1)) times, no probes), cheap at any N.
 *
 * <pre>
 * mvn -q -pl bundles/gossip test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.gossip.sim.DisseminationBenchmark [-Dfull=1000] [-Druns=5] \
 *   [-Dsizes=1000,10000] [-Dlosses=0,0.1,0.3]
 * </pre>
 */
public final class DisseminationBenchmark {

    private DisseminationBenchmark() {
    }

    public static void main(String[] args) {
        GossipConfig c = GossipConfig.lan();
        int runs = Integer.getInteger("runs", 5);
        String full = System.getProperty("full", "1000");
        System.out.println("| N | loss | model rounds | queue model rounds | full nodes rounds | ratio (worst / model) |");
        System.out.println("|---|---|---|---|---|---|");
        int[] sizes = java.util.Arrays.stream(System.getProperty("sizes", "1000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        double[] losses = java.util.Arrays.stream(System.getProperty("losses", "0,0.1,0.3").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        for (int n : sizes) {
            for (double loss : losses) {
                double model = Math.log(999.0 * (n + 1)) / (c.gossipNodes() / 2.0 * (1 - loss));
                double q = 0;
                for (int r = 0; r < runs; r++) {
                    q += queueModel(n, loss, c, 100 + r);
                }
                q /= runs;
                double f = Double.NaN;
                if (("," + full + ",").contains("," + n + ",")) {
                    f = 0;
                    for (int r = 0; r < Math.max(1, runs / 2); r++) {
                        f += fullNodes(n, loss, c, 200 + r);
                    }
                    f /= Math.max(1, runs / 2);
                }
                double worst = Double.isNaN(f) ? q : Math.max(q, f);
                System.out.printf(Locale.ROOT, "| %d | %.0f %% | %.1f | %.1f | %s | %.2f |%n", n, loss * 100, model, q,
                        Double.isNaN(f) ? "-" : String.format(Locale.ROOT, "%.1f", f), worst / model);
            }
        }
    }

    /** @return rounds until 99.9 % of the real nodes know that node 0 left */
    static double fullNodes(int n, double loss, GossipConfig c, long seed) {
        Simulation sim = new Simulation(seed, c);
        sim.network.loss(loss);
        int[] got = {0};
        long[] at = {-1};
        long[] t0 = {0};
        int need = (int) Math.ceil(0.999 * n) - 1;
        boolean[] seen = new boolean[n];
        sim.listener((time, observer, topic, m) -> {
            if (t0[0] > 0 && PeerDirectory.TOPIC_LEFT.equals(topic) && m.id().equals("gw-0")
                    && observer != 0 && !seen[observer]) {
                seen[observer] = true;
                if (++got[0] == need) {
                    at[0] = time;
                }
            }
        });
        sim.startKnown(n);
        sim.run(15_000);
        t0[0] = sim.now();
        sim.act(0, node -> node.leave(sim.now()));
        while (at[0] < 0 && sim.elapsed() < 600_000) {
            sim.run(100);
        }
        return (at[0] - t0[0]) / (double) c.gossipInterval();
    }

    /** @return rounds until 99.9 % of N nodes are infected, dissemination rule only */
    static double queueModel(int n, double loss, GossipConfig c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int limit = c.retransmitLimit(n);
        int[] sent = new int[n];
        boolean[] infected = new boolean[n];
        double[] phase = new double[n];
        for (int i = 0; i < n; i++) {
            phase[i] = r.nextDouble();
        }
        infected[0] = true;
        int count = 1;
        int need = (int) Math.ceil(0.999 * n);
        // time in rounds; each node gossips at phase + k; a node infected at time t first gossips at its next slot
        double[] infectedAt = new double[n];
        java.util.PriorityQueue<double[]> slots = new java.util.PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        slots.add(new double[] {phase[0], 0});
        while (count < need && !slots.isEmpty()) {
            double[] s = slots.poll();
            int i = (int) s[1];
            for (int k = 0; k < c.gossipNodes() && sent[i] < limit; k++) {
                sent[i]++;
                int j = r.nextInt(n - 1);
                j = j >= i ? j + 1 : j;
                if (r.nextDouble() >= loss && !infected[j]) {
                    infected[j] = true;
                    infectedAt[j] = s[0];
                    count++;
                    double next = Math.floor(s[0] - phase[j]) + 1 + phase[j];
                    slots.add(new double[] {next, j});
                }
            }
            if (sent[i] < limit) {
                slots.add(new double[] {s[0] + 1, i});
            }
            if (count >= need) {
                return s[0] - phase[0];
            }
        }
        return Double.NaN;
    }
}
