package dev.wren.inference.features;

import java.util.Arrays;

/**
 * Feature set {@value #NAME}: summary statistics of scalar readings over a time window, for
 * models of slow signals (a temperature trend, a battery's drain, a current draw, an ADC
 * channel). A model descriptor that names this set also says which quantities it consumes, in
 * which order, and the window's length (see {@code docs/extending.md}).
 *
 * <p><b>Input.</b> For each of {@code q} quantities, the readings of one sensor whose timestamps
 * fall in one window {@code [start, start + length)}; values finite, in the quantity's unit.
 *
 * <p><b>Output.</b> {@value #PER_QUANTITY} values per quantity {@code j}, at
 * {@code j * }{@value #PER_QUANTITY}{@code  + i}, computed in double and stored as float:
 * <ol start="0">
 * <li>{@link #MEAN}: the mean of the values;</li>
 * <li>{@link #STD}: their population standard deviation (0 for a single value);</li>
 * <li>{@link #MIN} and {@link #MAX};</li>
 * <li>{@link #SLOPE}: the least-squares slope of value over time, in unit per minute, with time
 * measured from the window's start (0 for fewer than two distinct timestamps).</li>
 * </ol>
 *
 * <p><b>Use.</b> One instance per window; {@link #add} and {@link #compute} allocate nothing and
 * keep O(1) state per quantity. Not thread-safe.
 */
public final class SummaryFeatures {

    /** The name of this feature set, as model descriptors give it. */
    public static final String NAME = "summary-v1";

    /** The number of features per quantity. */
    public static final int PER_QUANTITY = 5;

    /** Offsets within one quantity's features. */
    public static final int MEAN = 0;
    public static final int STD = 1;
    public static final int MIN = 2;
    public static final int MAX = 3;
    public static final int SLOPE = 4;

    private final int quantities;
    private long start;
    private final long[] n;
    private final double[] mean;
    private final double[] m2;
    private final double[] min;
    private final double[] max;
    private final double[] st;
    private final double[] stt;
    private final double[] sv;
    private final double[] stv;

    /**
     * @param quantities the number of quantities, 1 or more
     * @param startMillis the window's start, milliseconds since the epoch
     */
    public SummaryFeatures(int quantities, long startMillis) {
        if (quantities < 1) {
            throw new IllegalArgumentException("quantities must be 1 or more, was " + quantities);
        }
        this.quantities = quantities;
        n = new long[quantities];
        mean = new double[quantities];
        m2 = new double[quantities];
        min = new double[quantities];
        max = new double[quantities];
        st = new double[quantities];
        stt = new double[quantities];
        sv = new double[quantities];
        stv = new double[quantities];
        reset(startMillis);
    }

    /** @return the number of features for {@code quantities} quantities */
    public static int count(int quantities) {
        return quantities * PER_QUANTITY;
    }

    /** Empties the window and starts it again at {@code startMillis}. */
    public void reset(long startMillis) {
        start = startMillis;
        Arrays.fill(n, 0);
        Arrays.fill(mean, 0);
        Arrays.fill(m2, 0);
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Arrays.fill(st, 0);
        Arrays.fill(stt, 0);
        Arrays.fill(sv, 0);
        Arrays.fill(stv, 0);
    }

    /** @return the window's start, milliseconds since the epoch */
    public long start() {
        return start;
    }

    /**
     * Adds one reading of quantity {@code q}.
     *
     * @throws IllegalArgumentException if the value is not finite
     */
    public void add(int q, long timestampMillis, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of quantity " + q + " must be finite, was " + value);
        }
        double t = (timestampMillis - start) / 60_000.0;
        long k = ++n[q];
        double d = value - mean[q];
        mean[q] += d / k;
        m2[q] += d * (value - mean[q]);
        min[q] = Math.min(min[q], value);
        max[q] = Math.max(max[q], value);
        st[q] += t;
        stt[q] += t * t;
        sv[q] += value;
        stv[q] += t * value;
    }

    /** @return the fewest readings any quantity has in this window */
    public long fewest() {
        long f = Long.MAX_VALUE;
        for (long k : n) {
            f = Math.min(f, k);
        }
        return f;
    }

    /**
     * Writes the {@link #count(int)} features of this window into {@code out} from {@code offset}.
     *
     * @throws IllegalStateException if a quantity has no reading
     */
    public void compute(float[] out, int offset) {
        for (int q = 0; q < quantities; q++) {
            long k = n[q];
            if (k == 0) {
                throw new IllegalStateException("quantity " + q + " has no reading in this window");
            }
            int at = offset + q * PER_QUANTITY;
            double denominator = k * stt[q] - st[q] * st[q];
            out[at + MEAN] = (float) mean[q];
            out[at + STD] = (float) Math.sqrt(Math.max(0, m2[q] / k));
            out[at + MIN] = (float) min[q];
            out[at + MAX] = (float) max[q];
            out[at + SLOPE] = denominator > 1e-12 ? (float) ((k * stv[q] - st[q] * sv[q]) / denominator) : 0f;
        }
    }
}
