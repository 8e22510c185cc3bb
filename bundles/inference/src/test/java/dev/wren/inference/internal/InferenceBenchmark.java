package dev.wren.inference.internal;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.Insight;
import dev.wren.inference.features.VibrationFeatures;

/**
 * The inference figures, side by side in one run (start with ORT_DISABLE_TELEMETRY=1):
 * <ol>
 * <li>per-window inference (trigger, then classifier) through Wren's registry and runners vs a
 * bare ONNX Runtime session run with pinned input and output buffers on the same models;</li>
 * <li>p50/p99 of t_pre, t_infer and t_post for 1 kHz 3-axis windows of 1024 frames, fp32 vs INT8;</li>
 * <li>hot swap: 50 swaps of the classifier (load, validate, serve, retire the old one) while two
 * threads run 5 000 inferences/s each: failed inferences, time to serve, RSS growth.</li>
 * </ol>
 *
 * <pre>
 * ORT_DISABLE_TELEMETRY=1 mvn -q -pl bundles/inference test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.inference.internal.InferenceBenchmark -Druns=5
 * </pre>
 */
public final class InferenceBenchmark {

    private static final int WINDOWS = 20_000;

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] fault = LaneTest.samples(new Vibration(9).condition(Vibration.Condition.BEARING_FAULT), 0, LaneTest.FRAMES);
        float[] features = new float[VibrationFeatures.COUNT];
        new VibrationFeatures(LaneTest.FRAMES, 1000).compute(fault, 0, features, 0);

        System.out.println("1. per-window inference (trigger + classifier, both run), ns per window");
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            double bare = bare(env, features);
            double wren = wren(env, features);
            ratios.add(wren / bare);
            System.out.printf(Locale.ROOT, "  run %d: bare ORT pinned %.0f ns | Wren %.0f ns | ratio %.2f%n", r + 1, bare,
                    wren, wren / bare);
        }
        System.out.printf(Locale.ROOT, "  median ratio %.2f%n", median(ratios));

        System.out.println("2. latency per 1024-frame window, microseconds p50 / p99 (t_pre, t_infer, t_post)");
        for (String suffix : new String[] {"", "-int8"}) {
            breakdown(env, suffix, fault);
        }

        System.out.println("3. hot swap under 10 000 inferences/s");
        swaps(env, features);
    }

    private static double bare(OrtEnvironment env, float[] raw) throws Exception {
        Fixtures.Files t = Fixtures.model("vibration-trigger");
        Fixtures.Files c = Fixtures.model("vibration-classifier");
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            try (OrtSession ts = env.createSession(t.onnx(), o); OrtSession cs = env.createSession(c.onnx(), o)) {
                Descriptor td = t.parsed();
                Descriptor cd = c.parsed();
                FloatBuffer tin = direct(24);
                FloatBuffer tout = direct(1);
                FloatBuffer cin = direct(24);
                FloatBuffer cout = direct(4);
                try (OnnxTensor a = OnnxTensor.createTensor(env, tin, new long[] {1, 24});
                        OnnxTensor b = OnnxTensor.createTensor(env, tout, new long[] {1, 1});
                        OnnxTensor x = OnnxTensor.createTensor(env, cin, new long[] {1, 24});
                        OnnxTensor y = OnnxTensor.createTensor(env, cout, new long[] {1, 4})) {
                    Map<String, OnnxTensor> ti = Map.of("features", a);
                    Map<String, OnnxTensor> to = Map.of("scores", b);
                    Map<String, OnnxTensor> ci = Map.of("features", x);
                    Map<String, OnnxTensor> co = Map.of("scores", y);
                    long start = 0;
                    for (int i = -WINDOWS; i < WINDOWS; i++) {
                        if (i == 0) {
                            start = System.nanoTime();
                        }
                        for (int k = 0; k < 24; k++) {
                            tin.put(k, (raw[k] - td.mean()[k]) / td.std()[k]);
                        }
                        try (OrtSession.Result r = ts.run(ti, to)) {
                            // output pinned in tout
                        }
                        for (int k = 0; k < 24; k++) {
                            cin.put(k, (raw[k] - cd.mean()[k]) / cd.std()[k]);
                        }
                        try (OrtSession.Result r = cs.run(ci, co)) {
                            // output pinned in cout
                        }
                    }
                    return (System.nanoTime() - start) / (double) WINDOWS;
                }
            }
        }
    }

    /** The same work as Wren's lane does it: acquire from the registry, normalise, run, release. */
    private static double wren(OrtEnvironment env, float[] raw) throws Exception {
        Registry registry = new Registry((n, w) -> { });
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        registry.add(Fixtures.model("vibration-trigger").load(1));
        registry.add(Fixtures.model("vibration-classifier").load(2));
        Registry.Slot ts = registry.slot("vibration-trigger");
        Registry.Slot cs = registry.slot("vibration-classifier");
        try (Runner tr = new Runner(env, ts.serving().descriptor().input(), ts.serving().descriptor().output());
                Runner cr = new Runner(env, cs.serving().descriptor().input(), cs.serving().descriptor().output())) {
            long start = 0;
            for (int i = -WINDOWS; i < WINDOWS; i++) {
                if (i == 0) {
                    start = System.nanoTime();
                }
                LoadedModel t = ts.acquire();
                LoadedModel c = null;
                try {
                    normalise(raw, t.descriptor(), tr.input());
                    if (tr.run(t).get(0) >= 0) {
                        c = cs.acquire();
                        normalise(raw, c.descriptor(), cr.input());
                        cr.run(c);
                    }
                } finally {
                    t.release();
                    if (c != null) {
                        c.release();
                    }
                }
            }
            return (System.nanoTime() - start) / (double) WINDOWS;
        } finally {
            registry.close();
        }
    }

    private static void breakdown(OrtEnvironment env, String suffix, float[] window) throws Exception {
        Registry registry = new Registry((n, w) -> { });
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        registry.add(Fixtures.model("vibration-trigger" + suffix).load(1));
        registry.add(Fixtures.model("vibration-classifier" + suffix).load(2));
        List<Insight> got = new ArrayList<>();
        Lane lane = new Lane("bench", LaneTest.FRAMES, env, registry.slot("vibration-trigger" + suffix),
                registry.slot("vibration-classifier" + suffix), new Decision(3, 0.15), new Counters(), new Lane.Out() {
                    @Override
                    public void insight(Insight insight) {
                        got.add(insight);
                    }

                    @Override
                    public void failed(String sensor, String why, Throwable cause) {
                        throw new IllegalStateException(why, cause);
                    }
                }, () -> dev.wren.power.PowerMode.FULL, new Lane.Thinning(4, 0));
        for (int i = 0; i < 2 * WINDOWS; i++) {
            lane.add(3, window, 1000, System.currentTimeMillis());
        }
        List<Insight> measured = got.subList(WINDOWS, got.size());
        System.out.printf(Locale.ROOT, "  %-5s t_pre %s | t_infer %s | t_post %s | label %s%n",
                suffix.isEmpty() ? "fp32" : "int8", pct(measured, Insight::preNanos), pct(measured, Insight::inferNanos),
                pct(measured, Insight::postNanos), measured.get(measured.size() - 1).label());
        lane.close();
        registry.close();
    }

    private static void swaps(OrtEnvironment env, float[] raw) throws Exception {
        Registry registry = new Registry((n, w) -> { });
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        Fixtures.Files files = Fixtures.model("vibration-classifier");
        registry.add(files.as("1.0.0").load(1));
        Registry.Slot slot = registry.slot("vibration-classifier");
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(() -> {
                try (Runner r = new Runner(env, files.parsed().input(), files.parsed().output())) {
                    long next = System.nanoTime();
                    while (run.get()) {
                        LoadedModel m = slot.acquire();
                        try {
                            normalise(raw, m.descriptor(), r.input());
                            r.run(m);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        } finally {
                            m.release();
                        }
                        next += 200_000;
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }, "load-" + t);
            th.start();
            load.add(th);
        }
        Thread.sleep(2_000);
        System.gc();
        Thread.sleep(500);
        long rssBefore = rssKb();
        long countBefore = done.get();
        long t0 = System.nanoTime();
        List<Double> toServe = new ArrayList<>();
        for (int v = 2; v <= 51; v++) {
            long s = System.nanoTime();
            registry.add(files.as(v + ".0.0").load(v));
            while (!slot.serving().descriptor().version().toString().equals(v + ".0.0")) {
                Thread.onSpinWait();
            }
            toServe.add((System.nanoTime() - s) / 1e6);
            registry.remove(v - 1);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long inferences = done.get() - countBefore;
        System.gc();
        Thread.sleep(500);
        long rssAfter = rssKb();
        run.set(false);
        for (Thread th : load) {
            th.join();
        }
        System.out.printf(Locale.ROOT, "  50 swaps in %.1f s under %.0f inferences/s: failed %d of %d; load+validate+serve"
                + " median %.2f ms (max %.2f); RSS %d -> %d kB (%+d kB)%n", seconds, inferences / seconds, failed.get(),
                inferences, median(toServe), toServe.stream().mapToDouble(d -> d).max().orElse(0), rssBefore, rssAfter,
                rssAfter - rssBefore);
        registry.close();
    }

    private static void normalise(float[] raw, Descriptor d, FloatBuffer in) {
        for (int k = 0; k < raw.length; k++) {
            in.put(k, (raw[k] - d.mean()[k]) / d.std()[k]);
        }
    }

    private static String pct(List<Insight> l, java.util.function.ToLongFunction<Insight> f) {
        long[] v = l.stream().mapToLong(f).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f / %.1f", v[v.length / 2] / 1e3, v[(int) (v.length * 0.99)] / 1e3);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(d -> d).sorted().toArray();
        return a[a.length / 2];
    }

    private static FloatBuffer direct(int n) {
        return java.nio.ByteBuffer.allocateDirect(n * 4).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private InferenceBenchmark() {
    }
}
