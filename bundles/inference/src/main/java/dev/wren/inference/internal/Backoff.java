package dev.wren.inference.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peers to leave alone after they failed: after each failure in a row a peer waits a pause that
 * doubles from the minimum to the maximum; a success forgets it. Thread-safe.
 */
public final class Backoff {

    private record Pause(long until, long ms) {
    }

    private final long minMs;
    private final long maxMs;
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    public Backoff(long minMs, long maxMs) {
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    /** @return the pause that now begins for {@code peer}, in ms */
    public long failed(String peer, long now) {
        return pauses.compute(peer, (p, old) -> {
            long ms = old == null ? minMs : Math.min(maxMs, old.ms() * 2);
            return new Pause(now + ms, ms);
        }).ms();
    }

    public void succeeded(String peer) {
        pauses.remove(peer);
    }

    /** @return the ms {@code peer} is still left alone, 0 when it may be asked */
    public long left(String peer, long now) {
        Pause p = pauses.get(peer);
        return p == null ? 0 : Math.max(0, p.until() - now);
    }

    /** @return the peers left alone now, with the ms left, by id */
    public Map<String, Long> waiting(long now) {
        Map<String, Long> out = new TreeMap<>();
        pauses.forEach((peer, p) -> {
            if (p.until() > now) {
                out.put(peer, p.until() - now);
            }
        });
        return out;
    }
}
