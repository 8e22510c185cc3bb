package dev.wren.gossip.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.osgi.framework.Version;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.inference.internal.spread.SpreadPlan;
import dev.wren.inference.internal.spread.Wants;

/**
 * A model bundle spreading over a site of N gateways, side by side with every gateway downloading it
 * over its uplink. Membership and the {@code spread} state travel by the real gossip protocol on the
 * simulator; each gateway chooses where to fetch from with Wren's real {@link SpreadPlan} every
 * {@code interval.s} (10 s, jittered by a fifth, as {@code ModelSpread}). Modelled: a transfer takes
 * {@code size.kb} at the channel's rate limit ({@code rate.kbps}, 1024) plus one round trip per
 * 256 kB part, a gateway hands out at most 2 bundles at once with 8 more waiting (the channel's
 * handlers and queue; beyond, BUSY and that member is left alone 30 s), installing and validating
 * takes {@code validate.ms}, and the receiver's canary {@code canary.s} (shipped: 200 windows of
 * about 1 s) before it serves. Gateway 0 has the model at time 0 (the one uplink download).
 *
 * <pre>
 * ./wren bench ModelSpreadBenchmark [-Dnodes=100,1000] [-Dsize.kb=9,4096] [-Dseeds=3]
 * </pre>
 */
public final class ModelSpreadBenchmark {

    private static final long STEP = 100;
    private static final Version V = new Version(1, 1, 0);
    private static final Wants.Rule RULE = Wants.parse("vibration-trigger@[1.0,2.0)").get(0);

    private ModelSpreadBenchmark() {
    }

    public static void main(String[] args) {
        long rtt = Long.getLong("rtt.ms", 2);
        long rate = Long.getLong("rate.kbps", 1024);
        long validate = Long.getLong("validate.ms", 200);
        long canary = Long.getLong("canary.s", 205);
        int seeds = Integer.getInteger("seeds", 3);
        System.out.printf(Locale.ROOT, "rtt %d ms, rate %d kB/s, validate %d ms, canary %d s, %d seeds (medians)%n", rtt,
                rate, validate, canary, seeds);
        System.out.println("| gateways | bundle | all installed (s) | all serving (s) | BUSY refusals | most handed out by one "
                + "| uplink bytes, spread | uplink bytes, each downloads | ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String n : System.getProperty("nodes", "100,1000").split(",")) {
            for (String kb : System.getProperty("size.kb", "9,4096").split(",")) {
                long[][] r = new long[seeds][];
                for (int s = 0; s < seeds; s++) {
                    r[s] = run(Integer.parseInt(n.trim()), Long.parseLong(kb.trim()) << 10, rtt, rate, validate,
                            canary * 1000, 100 + s);
                }
                long size = Long.parseLong(kb.trim()) << 10;
                int nodes = Integer.parseInt(n.trim());
                System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %.1f | %d | %d | %d | %d | %.3f |%n", nodes,
                        kb.trim() + " kB", median(r, 0) / 1000.0, median(r, 1) / 1000.0, median(r, 2), median(r, 3), size,
                        size * nodes, 1.0 / nodes);
            }
        }
    }

    /** @return {all installed ms, all serving ms, busy refusals, most handed out by one gateway} */
    static long[] run(int n, long size, long rtt, long rateKbps, long validateMs, long canaryMs, long seed) {
        Simulation sim = new Simulation(seed, GossipConfig.lan());
        sim.startKnown(n);
        for (int i = 0; i < n; i++) {
            sim.act(i, node -> node.publish("channel", "1", sim.now()));
        }
        sim.run(30_000);
        Random random = new Random(seed);
        long t0 = sim.elapsed();
        long parts = Math.max(1, (size + (256 << 10) - 1) / (256 << 10));
        long transfer = size * 1000 / (rateKbps << 10) + parts * rtt;
        long[] installed = new long[n];
        long[] arrives = new long[n];
        long[] nextTick = new long[n];
        long[][] slots = new long[n][2];
        int[] handedOut = new int[n];
        List<List<Long>> waiting = new ArrayList<>();
        Arrays.fill(installed, -1);
        Arrays.fill(arrives, -1);
        for (int i = 0; i < n; i++) {
            nextTick[i] = t0 + random.nextInt(10_000);
            waiting.add(new ArrayList<>());
        }
        long[] busy = {0};
        java.util.Map<Long, Long> leftAlone = new java.util.HashMap<>();
        offer(sim, 0, t0);
        installed[0] = t0;
        int done = 1;
        while (done < n && sim.elapsed() - t0 < 3_600_000) {
            sim.run(STEP);
            long now = sim.elapsed();
            for (int i = 1; i < n; i++) {
                if (arrives[i] >= 0 && arrives[i] <= now && installed[i] < 0) {
                    installed[i] = arrives[i] + validateMs;
                }
                if (installed[i] >= 0 && installed[i] <= now && installed[i] > now - STEP) {
                    offer(sim, i, now);
                    done++;
                }
                if (arrives[i] >= 0 || nextTick[i] > now) {
                    continue;
                }
                nextTick[i] = now + Math.round(10_000 * (0.8 + 0.4 * random.nextDouble()));
                long asker = (long) i * n;
                Optional<SpreadPlan.Source> s = SpreadPlan.choose(sim.node(i).members(), Simulation.id(i), RULE, null,
                        (m, v) -> leftAlone.getOrDefault(asker + index(m), 0L) > now, random);
                if (s.isEmpty()) {
                    continue;
                }
                int from = index(s.get().member());
                List<Long> q = waiting.get(from);
                q.removeIf(start -> start <= now);
                if (q.size() >= 8) {
                    busy[0]++;
                    leftAlone.put(asker + from, now + 30_000);
                    continue;
                }
                long[] sl = slots[from];
                int k = sl[0] <= sl[1] ? 0 : 1;
                long start = Math.max(now + rtt, sl[k]);
                sl[k] = start + transfer;
                if (start > now + rtt) {
                    q.add(start);
                }
                arrives[i] = sl[k];
                handedOut[from]++;
            }
        }
        long allInstalled = Arrays.stream(installed).max().orElse(0) - t0;
        return new long[] {allInstalled, allInstalled + canaryMs, busy[0], Arrays.stream(handedOut).max().orElse(0)};
    }

    private static void offer(Simulation sim, int i, long now) {
        sim.act(i, node -> node.publish(SpreadPlan.STATE_KEY, RULE.name() + "@" + V, sim.now()));
    }

    private static int index(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }

    private static long median(long[][] r, int k) {
        long[] v = Arrays.stream(r).mapToLong(x -> x[k]).sorted().toArray();
        return v[v.length / 2];
    }
}
