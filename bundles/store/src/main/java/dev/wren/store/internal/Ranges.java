package dev.wren.store.internal;

import java.util.Arrays;

/** Runs of consecutive ids of one priority, so acknowledged messages are deleted a range per statement. */
final class Ranges {

    private static final int SHIFT = 58;
    private static final long ID_MASK = (1L << SHIFT) - 1;

    private Ranges() {
    }

    static long key(int prio, long id) {
        return ((long) prio << SHIFT) | id;
    }

    static int prio(long key) {
        return (int) (key >>> SHIFT);
    }

    static long id(long key) {
        return key & ID_MASK;
    }

    /**
     * @param ids    prio * 2^58 + id (ids stay below 2^58), any order; sorted in place (the first {@code n})
     * @param n      how many of {@code ids} to use
     * @param ranges receives (first, last) pairs
     * @return how many pairs were written
     */
    static int runs(long[] ids, int n, long[] ranges) {
        if (n == 0) {
            return 0;
        }
        Arrays.sort(ids, 0, n);
        int pairs = 0;
        long first = ids[0];
        long last = first;
        for (int i = 1; i < n; i++) {
            if (ids[i] == last || ids[i] == last + 1) {
                last = ids[i];
            } else {
                ranges[2 * pairs] = first;
                ranges[2 * pairs + 1] = last;
                pairs++;
                first = ids[i];
                last = first;
            }
        }
        ranges[2 * pairs] = first;
        ranges[2 * pairs + 1] = last;
        return pairs + 1;
    }
}
