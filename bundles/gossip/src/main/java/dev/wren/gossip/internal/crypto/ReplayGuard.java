package dev.wren.gossip.internal.crypto;

import java.util.HashSet;
import java.util.PriorityQueue;

import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;

/**
 * Refuses packets whose sender timestamp is more than {@code window} ms away from our clock, and
 * nonces seen before within the window (a replayed packet has the same nonce and, authenticated with
 * it, the same timestamp). Remembers at most {@code capacity} nonces: when full it forgets the
 * oldest and from then on refuses, as stale, anything not newer than what it forgot, so a replay is
 * never let through for lack of memory.
 */
final class ReplayGuard {

    private record Nonce(long hi, int lo) {
    }

    private record Seen(Nonce nonce, long timestamp) {
    }

    private final long window;
    private final int capacity;
    private final HashSet<Nonce> seen = new HashSet<>();
    private final PriorityQueue<Seen> byTime = new PriorityQueue<>((a, b) -> Long.compare(a.timestamp, b.timestamp));
    private long floor = Long.MIN_VALUE;

    ReplayGuard(long window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** Checks without remembering; @return what to pass to {@link #remember} once authentic */
    Object check(byte[] nonce, int off, long timestamp, long now) throws DroppedException {
        if (timestamp < now - window || timestamp > now + window) {
            throw new DroppedException(Drop.STALE, "sent at " + timestamp + ", now " + now);
        }
        if (timestamp <= floor) {
            throw new DroppedException(Drop.STALE, "not newer than the nonces forgotten");
        }
        Nonce n = new Nonce(bytes(nonce, off, 8), (int) bytes(nonce, off + 8, 4));
        if (seen.contains(n)) {
            throw new DroppedException(Drop.REPLAYED, "nonce seen before");
        }
        return new Seen(n, timestamp);
    }

    /** Remembers what {@link #check} accepted. */
    void remember(Object accepted, long now) {
        while (!byTime.isEmpty() && byTime.peek().timestamp < now - window) {
            seen.remove(byTime.poll().nonce);
        }
        while (seen.size() >= capacity) {
            Seen oldest = byTime.poll();
            seen.remove(oldest.nonce);
            floor = Math.max(floor, oldest.timestamp);
        }
        Seen s = (Seen) accepted;
        seen.add(s.nonce);
        byTime.add(s);
    }

    int size() {
        return seen.size();
    }

    private static long bytes(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }
}
