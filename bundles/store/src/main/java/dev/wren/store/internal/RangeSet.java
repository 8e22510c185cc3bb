package dev.wren.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A set of message ids as sorted, disjoint, non-adjacent ranges [first, last]. Not thread-safe. */
final class RangeSet {

    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long count;

    void add(long id) {
        add(id, id);
    }

    void add(long first, long last) {
        if (first > last) {
            return;
        }
        long a = first;
        long b = last;
        Map.Entry<Long, Long> below = ranges.floorEntry(a);
        if (below != null && below.getValue() >= a - 1) {
            a = below.getKey();
            b = Math.max(b, below.getValue());
            drop(below.getKey(), below.getValue());
        }
        Map.Entry<Long, Long> next;
        while ((next = ranges.ceilingEntry(a)) != null && next.getKey() <= b + 1) {
            b = Math.max(b, next.getValue());
            drop(next.getKey(), next.getValue());
        }
        ranges.put(a, b);
        count += b - a + 1;
    }

    private void drop(long key, long end) {
        ranges.remove(key);
        count -= end - key + 1;
    }

    void remove(long id) {
        remove(id, id);
    }

    /** Removes every id in [first, last]. */
    void remove(long first, long last) {
        if (first > last) {
            return;
        }
        Long k = ranges.floorKey(first);
        if (k == null || ranges.get(k) < first) {
            k = ranges.higherKey(first);
        }
        while (k != null && k <= last) {
            long a = k;
            long b = ranges.remove(k);
            count -= b - a + 1;
            if (a < first) {
                ranges.put(a, first - 1);
                count += first - a;
            }
            if (b > last) {
                ranges.put(last + 1, b);
                count += b - last;
                return;
            }
            k = ranges.higherKey(a);
        }
    }

    void clear() {
        ranges.clear();
        count = 0;
    }

    void addAll(RangeSet other) {
        other.ranges.forEach(this::add);
    }

    void removeAll(RangeSet other) {
        other.ranges.forEach(this::remove);
    }

    /** @return the ids of this set that {@code other} lacks */
    RangeSet minus(RangeSet other) {
        RangeSet out = copy();
        out.removeAll(other);
        return out;
    }

    RangeSet copy() {
        RangeSet out = new RangeSet();
        out.ranges.putAll(ranges);
        out.count = count;
        return out;
    }

    boolean contains(long id) {
        Map.Entry<Long, Long> e = ranges.floorEntry(id);
        return e != null && e.getValue() >= id;
    }

    /** @return how many ids */
    long count() {
        return count;
    }

    /** @return how many ranges */
    int size() {
        return ranges.size();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** @return the highest id, 0 when empty */
    long high() {
        return ranges.isEmpty() ? 0 : ranges.lastEntry().getValue();
    }

    /** @return the ranges as (first, last) pairs, in order */
    List<long[]> ranges() {
        List<long[]> out = new ArrayList<>(ranges.size());
        ranges.forEach((a, b) -> out.add(new long[] {a, b}));
        return out;
    }

    /** @return {@code 3-7, 12} with at most {@code max} ranges, then {@code ... (n more)} */
    String describe(int max) {
        StringBuilder s = new StringBuilder();
        int n = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            if (n == max) {
                s.append(", ... (").append(ranges.size() - max).append(" more ranges)");
                break;
            }
            if (n++ > 0) {
                s.append(", ");
            }
            s.append(e.getKey());
            if (!e.getValue().equals(e.getKey())) {
                s.append('-').append(e.getValue());
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return describe(Integer.MAX_VALUE);
    }
}
