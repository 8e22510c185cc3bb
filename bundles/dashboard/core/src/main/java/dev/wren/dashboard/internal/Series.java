package dev.wren.dashboard.internal;

import java.util.function.BiConsumer;

/**
 * One quantity of one sensor over the last {@code buckets × bucketMs}: the mean of each bucket, in a
 * ring of fixed size (16 bytes a bucket), and the latest value. Thread-safe.
 */
final class Series {

    final String sensor;
    final String quantity;
    private final long bucketMs;
    private final float[] mean;
    private final int[] count;
    private final long[] bucket;
    private String unit = "";
    private double last = Double.NaN;
    private long lastAt;
    private long previousAt;

    Series(String sensor, String quantity, int buckets, long bucketMs) {
        this.sensor = sensor;
        this.quantity = quantity;
        this.bucketMs = bucketMs;
        this.mean = new float[buckets];
        this.count = new int[buckets];
        this.bucket = new long[buckets];
        java.util.Arrays.fill(bucket, -1);
    }

    synchronized void add(double value, String unit, long at) {
        long b = Math.floorDiv(at, bucketMs);
        int i = (int) Math.floorMod(b, (long) mean.length);
        if (bucket[i] != b) {
            if (bucket[i] > b) {
                return;
            }
            bucket[i] = b;
            mean[i] = 0;
            count[i] = 0;
        }
        count[i]++;
        mean[i] += (float) ((value - mean[i]) / count[i]);
        if (at >= lastAt) {
            previousAt = lastAt;
            last = value;
            lastAt = at;
            this.unit = unit;
        }
    }

    synchronized Latest latest() {
        return new Latest(last, unit, lastAt, previousAt == 0 ? 0 : lastAt - previousAt);
    }

    /** Calls {@code point} with the start of each bucket of the window ending at {@code now} and its mean, oldest first. */
    synchronized void points(long now, BiConsumer<Long, Float> point) {
        long newest = Math.floorDiv(now, bucketMs);
        for (long b = newest - mean.length + 1; b <= newest; b++) {
            int i = (int) Math.floorMod(b, (long) mean.length);
            if (bucket[i] == b && count[i] > 0) {
                point.accept(b * bucketMs, mean[i]);
            }
        }
    }

    /** Bytes the ring holds. */
    int bytes() {
        return mean.length * (Float.BYTES + Integer.BYTES + Long.BYTES);
    }

    /**
     * @param value    the latest value, NaN before the first
     * @param at       when it was read, ms since the epoch; 0 before the first
     * @param interval time between the last two readings, ms; 0 until there are two
     */
    record Latest(double value, String unit, long at, long interval) {
    }
}
