package dev.wren.gossip.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * Lifeguard's suspicion timeout: it starts at {@code max} and shrinks towards {@code min} as
 * independent members confirm the suspicion, logarithmically in their number, reaching {@code min}
 * with {@code k} confirmations:
 * {@code timeout(c) = max(min, max - (max - min) * log(c + 1) / log(k + 1))}.
 */
final class Suspicion {

    final long start;
    final long incarnation;
    private final long min;
    private final long max;
    private final int k;
    private final Set<String> confirmers = new HashSet<>();
    private long deadline;

    /**
     * @param from    who raised it (not counted as a confirmation)
     * @param members members present, this node included (n)
     */
    Suspicion(long start, long incarnation, String from, int members, GossipConfig c) {
        this.start = start;
        this.incarnation = incarnation;
        int expected = c.suspicionMult() - 2;
        this.k = members - 2 < expected ? 0 : expected;
        this.min = minTimeout(c, members);
        this.max = (long) c.suspicionMaxTimeoutMult() * min;
        confirmers.add(from);
        this.deadline = start + (k < 1 ? min : max);
    }

    /** suspicionMult x max(1, log10 n) x probeInterval. */
    static long minTimeout(GossipConfig c, int n) {
        double scale = Math.max(1.0, Math.log10(Math.max(1, n)));
        return (long) (c.suspicionMult() * scale * c.probeInterval());
    }

    /** @return true when {@code from} is a new, independent confirmation (the deadline moved) */
    boolean confirm(String from) {
        if (confirmers.size() - 1 >= k || !confirmers.add(from)) {
            return false;
        }
        int c = confirmers.size() - 1;
        double frac = Math.log(c + 1.0) / Math.log(k + 1.0);
        deadline = start + Math.max(min, (long) (max - (max - min) * frac));
        return true;
    }

    long deadline() {
        return deadline;
    }

    int confirmations() {
        return confirmers.size() - 1;
    }
}
