package dev.wren.gossip.internal;

import java.util.EnumMap;
import java.util.Map;

import dev.wren.gossip.internal.wire.Drop;

/** What went in and out, and every packet dropped by reason. Read and written by the node's thread. */
public final class Counters {

    final long[] drops = new long[Drop.values().length];
    long packetsIn;
    long bytesIn;
    long packetsOut;
    long bytesOut;
    long refutes;
    long suspicions;
    long deaths;

    void drop(Drop d) {
        drops[d.ordinal()]++;
    }

    public long dropped(Drop d) {
        return drops[d.ordinal()];
    }

    public long droppedTotal() {
        long n = 0;
        for (long d : drops) {
            n += d;
        }
        return n;
    }

    /** Accepted packets (authentic, fresh, well formed). */
    public long packetsIn() {
        return packetsIn;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long packetsOut() {
        return packetsOut;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** Times this node refuted a suspicion or death about itself. */
    public long refutes() {
        return refutes;
    }

    /** Suspicions this node started from its own failed probes. */
    public long suspicions() {
        return suspicions;
    }

    /** Members this node declared dead when their suspicion timed out. */
    public long deaths() {
        return deaths;
    }

    public Map<Drop, Long> drops() {
        Map<Drop, Long> m = new EnumMap<>(Drop.class);
        for (Drop d : Drop.values()) {
            m.put(d, drops[d.ordinal()]);
        }
        return m;
    }
}
