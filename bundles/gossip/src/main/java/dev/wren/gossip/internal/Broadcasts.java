package dev.wren.gossip.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The transmit-limited queue of encoded updates waiting to be piggybacked. Each packet takes the
 * least transmitted updates first (the newest among equals) that fit its room; an update is dropped
 * once sent its limit of times. A new update replaces a queued one with the same name (a newer
 * rumour about the same member or key), so the queue never holds two versions of one thing.
 */
final class Broadcasts {

    private static final class Item {
        final String name;
        final byte[] bytes;
        final long seq;
        final boolean state;
        final boolean verdict;
        int transmits;

        Item(String name, byte[] bytes, long seq, boolean state, boolean verdict) {
            this.name = name;
            this.bytes = bytes;
            this.seq = seq;
            this.state = state;
            this.verdict = verdict;
        }
    }

    private final TreeSet<Item> queue = new TreeSet<>((a, b) -> a.verdict != b.verdict ? (a.verdict ? -1 : 1)
            : a.transmits != b.transmits ? Integer.compare(a.transmits, b.transmits) : Long.compare(b.seq, a.seq));
    private final HashMap<String, Item> byName = new HashMap<>();
    private long seq;

    /** @param state a state write (its own, smaller limit) rather than a membership change */
    void add(String name, byte[] encoded, boolean state) {
        add(name, encoded, state, false);
    }

    /**
     * @param verdict a member declared dead or gone: sent before everything else (such news is rare
     *                and final, while suspicions and refutations can fill the queue on a lossy network
     *                and would otherwise starve it)
     */
    void add(String name, byte[] encoded, boolean state, boolean verdict) {
        Item old = byName.remove(name);
        if (old != null) {
            queue.remove(old);
        }
        Item i = new Item(name, encoded, ++seq, state, verdict);
        byName.put(name, i);
        queue.add(i);
    }

    /**
     * @return updates that fit in {@code room} bytes, at most {@code maxCount}, each counted as sent
     *         once; dropped after {@code limit} sends ({@code stateLimit} for state writes)
     */
    List<byte[]> take(int room, int maxCount, int limit, int stateLimit) {
        List<Item> taken = new ArrayList<>();
        Iterator<Item> it = queue.iterator();
        while (it.hasNext() && room >= 8 && taken.size() < maxCount) {
            Item i = it.next();
            if (i.bytes.length <= room) {
                taken.add(i);
                room -= i.bytes.length;
                it.remove();
            }
        }
        List<byte[]> out = new ArrayList<>(taken.size());
        for (Item i : taken) {
            out.add(i.bytes);
            if (++i.transmits < (i.state ? stateLimit : limit)) {
                queue.add(i);
            } else {
                byName.remove(i.name);
            }
        }
        return out;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }
}
