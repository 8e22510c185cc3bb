package dev.wren.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.wren.store.Outbox;

/**
 * Ids deleted without being delivered (evicted, expired), found missing after recovery (lost), or
 * given to a message relayed for another gateway (relayed: it reaches the cloud under that gateway's
 * id, not this one), waiting to be reported upstream in life-cycle messages on
 * {@link Outbox#CHANNEL_GAPS}: {@code {"evicted":[[3,7],[12,12]],"expired":[[9,9]],"lost":[[20,25]],
 * "relayed":[[30,31]]}}, kinds without ids left
 * out, at most {@value #MAX_RANGES} ranges per message. Writer thread only.
 */
final class Gaps {

    static final int MAX_RANGES = 300;
    static final char EVICTED = 'E';
    static final char EXPIRED = 'X';
    static final char LOST = 'L';
    static final char RELAYED = 'R';

    final RangeSet evicted = new RangeSet();
    final RangeSet expired = new RangeSet();
    final RangeSet lost = new RangeSet();
    final RangeSet relayed = new RangeSet();

    RangeSet of(char reason) {
        return switch (reason) {
            case EVICTED -> evicted;
            case EXPIRED -> expired;
            case RELAYED -> relayed;
            default -> lost;
        };
    }

    boolean isEmpty() {
        return evicted.isEmpty() && expired.isEmpty() && lost.isEmpty() && relayed.isEmpty();
    }

    void clear() {
        evicted.clear();
        expired.clear();
        lost.clear();
        relayed.clear();
    }

    /** @return the payloads of the messages that report every gap held */
    List<byte[]> payloads() {
        List<long[]> all = new ArrayList<>();
        List<Character> kinds = new ArrayList<>();
        for (char k : new char[] {EVICTED, EXPIRED, LOST, RELAYED}) {
            for (long[] r : of(k).ranges()) {
                all.add(r);
                kinds.add(k);
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_RANGES) {
            int to = Math.min(all.size(), from + MAX_RANGES);
            StringBuilder s = new StringBuilder("{");
            char current = 0;
            for (int i = from; i < to; i++) {
                char k = kinds.get(i);
                if (k != current) {
                    if (current != 0) {
                        s.append("],");
                    }
                    s.append('"').append(name(k)).append("\":[");
                    current = k;
                } else {
                    s.append(',');
                }
                s.append('[').append(all.get(i)[0]).append(',').append(all.get(i)[1]).append(']');
            }
            s.append("]}");
            out.add(s.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    static String name(char reason) {
        return switch (reason) {
            case EVICTED -> "evicted";
            case EXPIRED -> "expired";
            case RELAYED -> "relayed";
            default -> "lost";
        };
    }
}
