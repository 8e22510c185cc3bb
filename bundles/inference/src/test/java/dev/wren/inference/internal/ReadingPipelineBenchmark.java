package dev.wren.inference.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.log.Logger;

import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;

/**
 * What one summary-v1 model costs the reading pipeline per window, alone and with two more models on
 * two other sensors side by side: the same {@link ReadingPipeline#accept} path the sampler calls
 * (routing, lanes, features, ONNX Runtime, decision, insight delivery), fed readings with simulated
 * timestamps (one a 100 ms, so a 10 s window holds 100 of each quantity; each batch carries one
 * quantity the model does not consume, as a BME280's does). Per run: {@code windows} windows after as
 * many of warm-up; the cost of a window is the time spent in {@code accept} for its batches, divided
 * by the models that window ran. Prints per run and the medians.
 *
 * <pre>
 * MAVEN_OPTS="&lt;the launcher's JVM flags&gt;" ./wren bench ReadingPipelineBenchmark -Druns=5 -Dwindows=2000
 * </pre>
 */
public final class ReadingPipelineBenchmark {

    private static final long STEP_MS = 100;
    private static final int PER_WINDOW = 100;

    private record Source(String sensor, String kind, String quantity, double value) {
    }

    private static final List<Source> SOURCES = List.of(new Source("air", "bme280", "temperature", 22),
            new Source("gauge", "max17048", "battery.soc", 80), new Source("greenhouse", "sht31", "humidity", 60));

    private ReadingPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        int windows = Integer.getInteger("windows", 2000);
        double[] alone = new double[runs];
        double[] three = new double[runs];
        double[][] split = new double[runs][];
        for (int r = 0; r < runs; r++) {
            alone[r] = perWindow(1, windows, null);
            double[] stages = new double[3];
            three[r] = perWindow(3, windows, stages);
            split[r] = stages;
            System.out.printf(Locale.ROOT, "run %d: one model alone %.1f us per window; each of three side by side %.1f us"
                    + " (%.2f x); t_pre %.1f us, t_infer %.1f us, t_post %.1f us (medians of the three)%n", r + 1,
                    alone[r] / 1000, three[r] / 1000, three[r] / alone[r], stages[0] / 1000, stages[1] / 1000,
                    stages[2] / 1000);
        }
        System.out.printf(Locale.ROOT, "median: one model alone %.1f us per window, each of three %.1f us, ratio %.2f%n",
                median(alone) / 1000, median(three) / 1000, median(three) / median(alone));
    }

    /** @return nanoseconds in accept per window per model; {@code stages} gets the median t_pre, t_infer, t_post */
    private static double perWindow(int models, int windows, double[] stages) throws Exception {
        Registry registry = new Registry((n, w) -> { });
        ReadingPipeline pipeline = pipeline(registry);
        List<Insight> insights = new ArrayList<>();
        pipeline.addSink(insights::add, Map.of());
        for (int m = 0; m < models; m++) {
            Source s = SOURCES.get(m);
            registry.add(SummaryModels.above(s.kind() + "-model", "1.0.0", "(sensor.kind=" + s.kind() + ")", s.quantity(),
                    s.value() + 50, PER_WINDOW * STEP_MS / 1000.0, 0).load(m + 1));
            pipeline.addSensor(null, Map.of(Sensor.ID, s.sensor(), Sensor.KIND, s.kind()));
        }
        long t = 1_700_000_000_000L;
        feed(pipeline, models, windows, t);
        insights.clear();
        long start = System.nanoTime();
        feed(pipeline, models, windows, t + windows * PER_WINDOW * STEP_MS);
        long elapsed = System.nanoTime() - start;
        if (insights.size() < (windows - 1) * models) {
            throw new IllegalStateException("expected an insight per window and model, got " + insights.size());
        }
        if (stages != null) {
            stages[0] = median(insights.stream().mapToDouble(Insight::preNanos).toArray());
            stages[1] = median(insights.stream().mapToDouble(Insight::inferNanos).toArray());
            stages[2] = median(insights.stream().mapToDouble(Insight::postNanos).toArray());
        }
        pipeline.deactivate();
        registry.close();
        return (double) elapsed / windows / models;
    }

    private static void feed(ReadingPipeline pipeline, int models, int windows, long from) {
        for (long i = 0; i < (long) windows * PER_WINDOW; i++) {
            long at = from + i * STEP_MS;
            for (int m = 0; m < models; m++) {
                Source s = SOURCES.get(m);
                pipeline.accept(List.of(new Reading(s.sensor(), s.quantity(), s.value() + (i % 7) * 0.1, "", at),
                        new Reading(s.sensor(), "other", 1, "", at)));
            }
        }
    }

    /** The component as SCR would make it: logger and model registry injected, activated with its defaults. */
    private static ReadingPipeline pipeline(Registry registry) throws Exception {
        ReadingPipeline p = new ReadingPipeline();
        Models models = new Models();
        set(models, "registry", registry);
        set(p, "models", models);
        set(p, "log", Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, a) -> method.getReturnType() == boolean.class ? false : null));
        p.activate((ReadingPipeline.Config) Proxy.newProxyInstance(ReadingPipeline.Config.class.getClassLoader(),
                new Class<?>[] {ReadingPipeline.Config.class}, (proxy, method, a) -> method.getName().equals(
                        "annotationType") ? ReadingPipeline.Config.class : method.getDefaultValue()));
        return p;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
