package dev.wren.inference.internal;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.Supplier;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import dev.wren.inference.Insight;
import dev.wren.inference.features.VibrationFeatures;
import dev.wren.power.PowerMode;
import dev.wren.sensor.Window;
import dev.wren.sensor.Quantity;

/**
 * One sensor's way through the pipeline: its samples gather into analysis windows of a fixed
 * number of frames; each full one goes through features, the trigger, the classifier when the
 * trigger fires, and the decision. Everything it needs per window (sample buffer, feature arrays,
 * the runners' native buffers) is allocated once, and again only when a model of another shape
 * arrives; a window the trigger fired on is copied only when it is sent upstream raw. Not
 * thread-safe: the pipeline calls it under its lock.
 */
final class Lane {

    /** Where the lane's counters go and its insights leave. */
    interface Out {
        void insight(Insight insight);

        void failed(String sensor, String why, Throwable cause);

        /** @return whether anyone takes raw windows; if not, none is copied */
        default boolean wantsSuspects() {
            return false;
        }

        /** A raw window the trigger fired on, in FULL power mode; the window's array is a copy. */
        default void suspect(Insight insight, Window window) {
        }

        /** The sensor's features left the serving trigger's training range, or came back ({@link Drift}). */
        default void drift(String sensor, Drift.Change change, LoadedModel trigger) {
        }

        /** @return where features may go instead of through this gateway's models now; null for nowhere */
        default Sharing sharing() {
            return null;
        }
    }

    /**
     * How the lane thins its work out by power mode.
     *
     * @param minimalEvery      in MINIMAL, only every n-th analysis window is analysed
     * @param suspectIntervalMs in FULL, at most one raw window per this interval goes upstream; 0 = every one
     */
    record Thinning(int minimalEvery, long suspectIntervalMs) {
    }

    static final int AXES = AnalysisWindow.AXES;

    private final String sensor;
    private final int frames;
    private final OrtEnvironment env;
    private final Registry.Slot trigger;
    private final Registry.Slot classifier;
    private final Decision decision;
    private final Counters counters;
    private final Out out;
    private final AnalysisWindow window;
    /** Runs a completed analysis window; one object for the lane's life, so adding samples allocates nothing. */
    private final java.util.function.LongConsumer full = this::process;
    private final float[] raw = new float[VibrationFeatures.COUNT];
    private final float[] scores = new float[16];
    private Runner triggerRunner;
    private Runner classifierRunner;
    private String label = "";
    private final Supplier<PowerMode> mode;
    private final Thinning thinning;
    private long minimalCount;
    private long lastSuspect = Long.MIN_VALUE;
    private List<String> channels = List.of(Quantity.ACCEL_X, Quantity.ACCEL_Y, Quantity.ACCEL_Z);
    private String unit = "g";

    /** The label of a window the trigger finds unusual when the classifier does not run (MINIMAL). */
    static final String UNUSUAL = "unusual";
    /** The label of the insight that the sensor's features left the trigger's training range. */
    static final String DRIFT = "drift";
    /** The label of the insight that they are back in it. */
    static final String IN_RANGE = "in-range";

    private final Drift drift;
    private boolean closed;
    private final Shadow canary;

    Lane(String sensor, int frames, OrtEnvironment env, Registry.Slot trigger, Registry.Slot classifier,
            Decision decision, Counters counters, Out out, Supplier<PowerMode> mode, Thinning thinning) {
        this(sensor, frames, env, trigger, classifier, decision, counters, out, mode, thinning, null);
    }

    /** @param drift the sensor's drift check against the trigger's training range; null for none */
    Lane(String sensor, int frames, OrtEnvironment env, Registry.Slot trigger, Registry.Slot classifier,
            Decision decision, Counters counters, Out out, Supplier<PowerMode> mode, Thinning thinning, Drift drift) {
        this.drift = drift;
        this.sensor = sensor;
        this.frames = frames;
        this.env = env;
        this.trigger = trigger;
        this.classifier = classifier;
        this.decision = decision;
        this.counters = counters;
        this.out = out;
        this.mode = mode;
        this.thinning = thinning;
        this.window = new AnalysisWindow(frames);
        this.canary = new Shadow(env);
    }

    /**
     * Adds a window of interleaved x, y, z samples; runs the pipeline for each analysis window it
     * completes. A window with the wrong number of channels, a NaN or an infinite value is
     * rejected and counted, and the analysis window it would have joined starts again (it is no
     * longer continuous); a change of sample rate also starts it again.
     *
     * @return false if the window was rejected
     */
    boolean add(Window window) {
        if (window.channels().size() == AXES) {
            channels = window.channels();
            unit = window.unit();
        }
        return add(window.channels().size(), window.samples(), window.rateHz(),
                window.start() + Math.round(window.durationMillis()));
    }

    /** {@link #add(Window)} without the channel names and unit (taken as accel.x/y/z in g). */
    boolean add(int channels, float[] data, double rate, long endMillis) {
        if (!window.add(channels, data, rate, endMillis, full)) {
            counters.rejected.increment();
            return false;
        }
        return true;
    }

    /**
     * Runs one full analysis window (in {@link #samples}) that ended at {@code endMillis}. When
     * work sharing wants it (MINIMAL, or the lane falls behind) and a peer takes it, only the
     * features are computed here and the rest follows the peer's answer ({@link #answered}).
     * Otherwise, in MINIMAL power mode only every {@code minimalEvery}-th window is analysed, by the
     * trigger alone: the insight is {@value #UNUSUAL} (severity 2) when it fires, else normal. In
     * FULL a window the trigger fired on also goes upstream raw, at most once per suspect interval.
     */
    void process(long endMillis) {
        PowerMode now = mode.get();
        boolean minimal = now == PowerMode.MINIMAL;
        long capture = Math.max(0, (System.currentTimeMillis() - endMillis) * 1_000_000);
        Sharing sharing = out.sharing();
        long pre = -1;
        if (sharing != null && sharing.wanted(sensor, now, capture)) {
            long t0 = System.nanoTime();
            window.features().compute(window.samples(), 0, raw, 0);
            pre = System.nanoTime() - t0;
            float[] features = raw.clone();
            var answer = sharing.send(new ShareWire.Request(VibrationFeatures.NAME, trigger.name,
                    classifier.name, features));
            if (answer != null) {
                counters.shared.increment();
                long p = pre;
                answer.whenComplete((served, failure) -> answered(served, failure, features, endMillis, capture, p));
                return;
            }
        }
        if (minimal && ++minimalCount % thinning.minimalEvery() != 0) {
            counters.skipped.increment();
            return;
        }
        if (pre < 0) {
            long t0 = System.nanoTime();
            window.features().compute(window.samples(), 0, raw, 0);
            pre = System.nanoTime() - t0;
        }
        analyse(raw, endMillis, capture, pre, now);
    }

    /** Runs this gateway's models on {@code features}: the trigger, and in FULL or DEGRADED the classifier when it fires. */
    private void analyse(float[] features, long endMillis, long capture, long pre, PowerMode now) {
        boolean minimal = now == PowerMode.MINIMAL;
        long t1 = System.nanoTime();
        long normalise = 0;
        LoadedModel trig = trigger.acquire();
        if (trig == null) {
            counters.noModel.increment();
            return;
        }
        LoadedModel cls = null;
        try {
            triggerRunner = fit(triggerRunner, trig);
            long n0 = System.nanoTime();
            triggerRunner.normalise(trig.descriptor(), features);
            normalise += System.nanoTime() - n0;
            long r0 = System.nanoTime();
            float unusual = triggerRunner.run(trig).get(0);
            long triggerNanos = System.nanoTime() - r0;
            double fire = trig.descriptor().threshold();
            if (unusual >= fire) {
                trigger.remember(features, 1);
            }
            canary.run(trigger, features, unusual >= fire ? 1 : 0, triggerNanos);
            LoadedModel decider = trig;
            int labels;
            double enter;
            if (unusual >= fire) {
                counters.triggered.increment();
                cls = minimal ? null : classifier.acquire();
            }
            if (cls != null) {
                classifierRunner = fit(classifierRunner, cls);
                n0 = System.nanoTime();
                classifierRunner.normalise(cls.descriptor(), features);
                normalise += System.nanoTime() - n0;
                r0 = System.nanoTime();
                FloatBuffer s = classifierRunner.run(cls);
                long classifierNanos = System.nanoTime() - r0;
                labels = cls.descriptor().labels().size();
                int top = FaultCases.decision(cls.descriptor(), s);
                s.get(scores, 0, labels);
                if (top != 0) {
                    classifier.remember(features, top);
                }
                canary.run(classifier, features, top, classifierNanos);
                decider = cls;
                enter = cls.descriptor().threshold();
            } else {
                LoadedModel known = classifier.serving();
                labels = known != null ? known.descriptor().labels().size() : 2;
                enter = known != null ? known.descriptor().threshold() : 0.5;
                java.util.Arrays.fill(scores, 0);
                scores[0] = 1 - unusual;
            }
            long t2 = System.nanoTime();
            String decided;
            float score;
            int severity;
            if (minimal) {
                decided = unusual >= fire ? UNUSUAL : "normal";
                score = unusual >= fire ? unusual : 1 - unusual;
                severity = unusual >= fire ? 2 : 0;
            } else {
                int d = decision.update(scores, labels, enter);
                decided = labelOf(d);
                score = d < labels ? scores[d] : 0;
                LoadedModel known = cls != null ? cls : classifier.serving();
                severity = known != null ? known.descriptor().severity().getOrDefault(decided, 0) : 0;
            }
            boolean changed = !decided.equals(label);
            label = decided;
            long t3 = System.nanoTime();
            counters.windows.increment();
            Insight insight = new Insight(sensor, decided, score, severity, decider.descriptor().name(),
                    decider.descriptor().version().toString(), endMillis, capture, pre + normalise,
                    t2 - t1 - normalise, t3 - t2, changed);
            out.insight(insight);
            if (unusual >= fire && now == PowerMode.FULL) {
                suspect(insight);
            }
            drift(trig, features, endMillis, capture);
        } catch (OrtException | RuntimeException e) {
            counters.failed.increment();
            out.failed(sensor, e.getMessage(), e);
        } finally {
            trig.release();
            if (cls != null) {
                cls.release();
            }
        }
    }

    /**
     * A peer's answer to the features of a window (or why none came: then this gateway's own
     * trigger decides, as in MINIMAL). The decision (debounce, hysteresis) stays here, so the
     * condition reported is continuous whichever gateway ran the models. Runs on the sharing's
     * thread, holding the lane.
     */
    private synchronized void answered(Sharing.Served served, Throwable failure, float[] features, long endMillis,
            long capture, long pre) {
        if (closed) {
            return;
        }
        if (failure != null) {
            counters.fallbacks.increment();
            analyse(features, endMillis, capture, pre, PowerMode.MINIMAL);
            return;
        }
        ShareWire.Answer a = served.answer();
        ShareWire.Classified c = a.classified();
        LoadedModel known = classifier.serving();
        int labels;
        double enter;
        if (c != null) {
            labels = Math.min(c.labels().size(), scores.length);
            System.arraycopy(c.scores(), 0, scores, 0, labels);
            enter = c.enter();
        } else {
            labels = known != null ? known.descriptor().labels().size() : 2;
            enter = known != null ? known.descriptor().threshold() : 0.5;
            java.util.Arrays.fill(scores, 0);
            scores[0] = 1 - a.unusual();
        }
        if (a.fired()) {
            counters.triggered.increment();
        }
        long t2 = System.nanoTime();
        int d = decision.update(scores, labels, enter);
        String decided = c != null && d < labels ? c.labels().get(d) : labelOf(d);
        float score = d < labels ? scores[d] : 0;
        int severity = c != null && d < labels ? c.severity()[d]
                : known != null ? known.descriptor().severity().getOrDefault(decided, 0) : 0;
        boolean changed = !decided.equals(label);
        label = decided;
        long t3 = System.nanoTime();
        counters.windows.increment();
        out.insight(new Insight(sensor, decided, score, severity, c != null ? c.model() : a.trigger(),
                c != null ? c.version() : a.triggerVersion(), endMillis, capture, pre, a.inferNanos(), t3 - t2, changed,
                Math.max(0, served.roundTripNanos() - a.inferNanos()), served.peer()));
        LoadedModel trig = trigger.acquire();
        if (trig != null) {
            try {
                drift(trig, features, endMillis, capture);
            } finally {
                trig.release();
            }
        }
    }

    private void drift(LoadedModel trig, float[] features, long endMillis, long capture) {
        Drift.Change moved = drift == null ? null : drift.add(trig.descriptor(), features);
        if (moved != null) {
            out.insight(new Insight(sensor, moved.drifting() ? DRIFT : IN_RANGE, (float) moved.share(),
                    moved.drifting() ? 1 : 0, trig.descriptor().name(), trig.descriptor().version().toString(),
                    endMillis, capture, 0, 0, 0, true));
            out.drift(sensor, moved, trig);
        }
    }

    private void suspect(Insight insight) {
        long at = insight.timestamp();
        if (lastSuspect != Long.MIN_VALUE && at - lastSuspect < thinning.suspectIntervalMs() || !out.wantsSuspects()) {
            return;
        }
        lastSuspect = at;
        counters.suspects.increment();
        long start = at - Math.round(frames * 1000 / window.rateHz());
        out.suspect(insight, new Window(sensor, channels, unit, start, window.rateHz(), window.samples().clone()));
    }

    /** The classifier's labels are the decision's labels; label 0 is normal also without one. */
    private String labelOf(int index) {
        LoadedModel c = classifier.serving();
        if (c != null && index < c.descriptor().labels().size()) {
            return c.descriptor().labels().get(index);
        }
        return index == 0 ? "normal" : UNUSUAL;
    }

    private Runner fit(Runner r, LoadedModel m) throws OrtException {
        Descriptor d = m.descriptor();
        if (!VibrationFeatures.NAME.equals(d.features()) || d.input().size() != VibrationFeatures.COUNT
                || d.output().size() > scores.length) {
            throw new IllegalStateException(d.name() + " " + d.version() + " expects features " + d.features() + " of "
                    + d.input().size() + " values; this pipeline computes " + VibrationFeatures.NAME);
        }
        return Runner.fit(r, env, d);
    }

    synchronized void close() {
        closed = true;
        for (Runner r : new Runner[] {triggerRunner, classifierRunner}) {
            if (r != null) {
                r.close();
            }
        }
        canary.close();
    }
}
