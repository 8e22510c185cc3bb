package dev.wren.gossip.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated network: each link has a base latency (fixed per pair of nodes, uniform in
 * [{@code minLatency}, {@code maxLatency}] ms) plus exponential jitter of mean {@code jitter} ms;
 * each packet is lost with probability {@code loss}; a partition puts nodes in groups and drops
 * every packet between groups. Mutable between simulation steps.
 */
public final class Network {

    double loss;
    long minLatency = 1;
    long maxLatency = 5;
    double jitter = 1;
    private final Map<Integer, Integer> group = new HashMap<>();

    public Network loss(double l) {
        this.loss = l;
        return this;
    }

    public Network latency(long min, long max, double meanJitter) {
        this.minLatency = min;
        this.maxLatency = max;
        this.jitter = meanJitter;
        return this;
    }

    /** Puts node {@code node} in partition group {@code g} (0 is everyone's default). */
    public void partition(int node, int g) {
        group.put(node, g);
    }

    public void heal() {
        group.clear();
    }

    /** @return the delivery delay in ms, or -1 when the packet is lost */
    long delay(int from, int to, SplittableRandom r) {
        if (!group.getOrDefault(from, 0).equals(group.getOrDefault(to, 0))) {
            return -1;
        }
        if (loss > 0 && r.nextDouble() < loss) {
            return -1;
        }
        int a = Math.min(from, to);
        int b = Math.max(from, to);
        long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        long span = maxLatency - minLatency + 1;
        long base = minLatency + Math.floorMod(h, span);
        return base + (jitter > 0 ? (long) (-jitter * Math.log(1 - r.nextDouble())) : 0);
    }
}
