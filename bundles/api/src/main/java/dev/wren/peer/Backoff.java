package dev.wren.peer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Members to leave alone after a call to them failed, for the services that pick a member to call
 * (the uplink relay, work sharing, model spread). After each failure in a row a member waits a pause
 * that doubles from the minimum to the maximum, also when the failure comes after its pause is over;
 * a success forgets it. Times are the caller's clock in milliseconds. Thread-safe.
 *
 * @since 1.3
 */
public final class Backoff {

    private record Pause(long until, long ms) {
    }

    private final long minMs;
    private final long maxMs;
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    /**
     * @param minMs the pause after a first failure
     * @param maxMs the longest pause
     */
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

    /** Forgets {@code peer}'s failures: it may be asked at once, and its next pause is the minimum. */
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
