package dev.wren.dashboard.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wren.inference.Insight;

/**
 * The latest insights (a ring of {@code kept}), and per model the latency budget: the last
 * {@value #RECENT} splits (t_pre, t_infer, t_post) for medians, and cumulative histograms of each
 * stage for metrics. Memory is bounded by the number of model names ({@value #MAX_MODELS}).
 */
final class Insights {

    static final int RECENT = 64;
    static final int MAX_MODELS = 64;
    /** Upper bounds of the latency histograms' buckets, in seconds (+Inf is implied). */
    static final double[] BOUNDS = {10e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3,
        50e-3, 100e-3, 250e-3, 1};
    static final String[] STAGES = {"pre", "infer", "post"};

    private final ArrayDeque<Insight> latest = new ArrayDeque<>();
    private final int kept;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    Insights(int kept) {
        this.kept = kept;
    }

    void accept(Insight i) {
        synchronized (latest) {
            if (latest.size() == kept) {
                latest.removeFirst();
            }
            latest.addLast(i);
        }
        Budget b = budgets.get(i.model());
        if (b == null) {
            if (budgets.size() >= MAX_MODELS) {
                return;
            }
            b = budgets.computeIfAbsent(i.model(), m -> new Budget());
        }
        b.add(i.preNanos(), i.inferNanos(), i.postNanos());
    }

    /** @return the latest insights, newest first */
    List<Insight> latest() {
        synchronized (latest) {
            List<Insight> l = new ArrayList<>(latest);
            java.util.Collections.reverse(l);
            return l;
        }
    }

    Budget budget(String model) {
        return budgets.get(model);
    }

    Map<String, Budget> budgets() {
        return Map.copyOf(budgets);
    }

    /** One model's latency: recent splits and cumulative histograms. Thread-safe. */
    static final class Budget {

        private final long[][] recent = new long[3][RECENT];
        private int next;
        private int filled;
        /** [stage][bucket]: counts per bucket (not cumulative); the last is +Inf. */
        private final long[][] buckets = new long[3][BOUNDS.length + 1];
        private final double[] sums = new double[3];
        private long count;

        synchronized void add(long... nanos) {
            for (int s = 0; s < 3; s++) {
                recent[s][next] = nanos[s];
                double seconds = nanos[s] / 1e9;
                int b = 0;
                while (b < BOUNDS.length && seconds > BOUNDS[b]) {
                    b++;
                }
                buckets[s][b]++;
                sums[s] += seconds;
            }
            next = (next + 1) % RECENT;
            filled = Math.min(filled + 1, RECENT);
            count++;
        }

        /** @return the median of the recent values of each stage, in microseconds */
        synchronized double[] medianMicros() {
            double[] m = new double[3];
            for (int s = 0; s < 3; s++) {
                long[] v = Arrays.copyOf(recent[s], filled);
                Arrays.sort(v);
                m[s] = filled == 0 ? Double.NaN : (filled % 2 == 1 ? v[filled / 2] : (v[filled / 2 - 1] + v[filled / 2]) / 2.0) / 1e3;
            }
            return m;
        }

        synchronized long count() {
            return count;
        }

        /** @return a copy of the per-bucket counts of {@code stage} (0 pre, 1 infer, 2 post) */
        synchronized long[] buckets(int stage) {
            return buckets[stage].clone();
        }

        synchronized double sum(int stage) {
            return sums[stage];
        }
    }
}
