package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.inference.Model;
import dev.wren.inference.SuspectWindowSink;
import dev.wren.sensor.ReadingSink;
import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.Stored;
import dev.wren.sensor.Window;

/**
 * The inference bundles in a running gateway: the shipped model bundles serve, the simulated
 * accelerometer's windows become insights, a tampered model bundle is refused, and a new version
 * of a model installed and removed under load swaps in and out with no failed inference and no
 * application bundle touched.
 */
class InferenceTest extends GatewayTestBase {

    private static final String CLASSIFIER = "vibration-classifier";
    private static final int FRAMES = 1024;

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @InjectService(timeout = 20_000)
    Outbox outbox;

    private final List<Insight> insights = Collections.synchronizedList(new java.util.ArrayList<>());
    private ServiceRegistration<InsightSink> sink;
    private final List<Bundle> installed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void collect() {
        sink = context.registerService(InsightSink.class, insights::add, null);
    }

    @AfterEach
    void cleanUp() throws Exception {
        sink.unregister();
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
    }

    @Test
    void theShippedModelsServeAndTheAccelerometerWindowsBecomeInsights() throws Exception {
        assertEquals("1.0.0", serving(CLASSIFIER).getProperty(Model.VERSION));
        assertEquals("trigger", serving("vibration-trigger").getProperty(Model.ROLE));
        Gateway.await("insights of the simulated pump", () -> insights.stream().anyMatch(i -> i.sensor().equals("pump-it")));
        Insight i = insights.stream().filter(x -> x.sensor().equals("pump-it")).findFirst().orElseThrow();
        assertEquals("normal", i.label(), i.toString());
        assertTrue(i.preNanos() > 0 && i.inferNanos() > 0 && i.postNanos() >= 0, i.toString());
        String json = insightInTheOutbox("pump-it/insight");
        assertTrue(json.contains("\"label\":\"normal\"") && json.contains("\"model\":\"vibration-"), json);
        Model m = context.getService(serving(CLASSIFIER));
        assertEquals(4, m.info().outputSize());
        assertEquals(List.of("normal", "imbalance", "misalignment", "bearing_fault"), m.info().labels());
    }

    @Test
    void inFullModeTheWindowsTheTriggerFiresOnReachTheOutboxRawForDeeperAnalysis() throws Exception {
        ReadingSink pipeline = pipeline();
        Gateway.await("the outbox's raw window sink, which runs in FULL",
                () -> context.getServiceReference(SuspectWindowSink.class) != null);
        float[] fault = signal(Vibration.Condition.BEARING_FAULT);
        long start = System.currentTimeMillis();
        for (int n = 0; n < 3; n++) {
            pipeline.acceptWindow(new Window("raw-it", List.of("accel.x", "accel.y", "accel.z"), "g", start + n * FRAMES,
                    1000.0, fault.clone()));
        }
        List<Message> parts = inTheOutbox("raw-it/window", 2);
        for (int p = 0; p < 2; p++) {
            String json = new String(parts.get(p).payload(), StandardCharsets.UTF_8);
            assertEquals(Message.BULK, parts.get(p).priority());
            assertTrue(json.contains("\"part\":" + (p + 1) + ",\"parts\":2,\"first_frame\":" + p * 512
                    + ",\"part_frames\":512,\"encoding\":\"int16le-base64\""), json.substring(0, 400));
            assertTrue(json.contains("\"sensor\":\"raw-it\"") && json.contains("\"start\":" + start), json.substring(0, 400));
        }
        assertEquals(2, parts.size(), "one raw window (in two parts) per sensor per minute");
    }

    @Test
    void aTamperedModelBundleIsRefusedWithItsReasonAndTheServingVersionStays() throws Exception {
        try (LogWatch log = new LogWatch(logReader)) {
            Bundle bad = install(ModelVariant.of(context, "3.0.0", bytes -> {
                byte[] copy = bytes.clone();
                copy[copy.length / 2] ^= 0x5A;
                return copy;
            }));
            Gateway.await("the refusal logged", () -> log.hasError("refused: checksum"));
            assertEquals("1.0.0", serving(CLASSIFIER).getProperty(Model.VERSION));
            assertEquals(Bundle.ACTIVE, bad.getState());
        }
    }

    @Test
    void aNewVersionInstalledAndRemovedUnderLoadSwapsWithoutAFailedInferenceOrAnApplicationRestart() throws Exception {
        ReadingSink pipeline = pipeline();
        Map<Long, Long> appBundles = Gateway.wrenBundles(context).stream()
                .filter(b -> !b.getSymbolicName().startsWith("dev.wren.model."))
                .collect(Collectors.toMap(Bundle::getBundleId, Bundle::getLastModified));
        Set<String> stopped = ConcurrentHashMap.newKeySet();
        BundleListener watch = e -> {
            if (e.getType() == BundleEvent.STOPPED && !e.getBundle().getSymbolicName().startsWith("dev.wren.model.")) {
                stopped.add(e.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(watch);
        long failedBefore = failed();
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicLong windows = new AtomicLong();
        Thread load = load(pipeline, run, windows);
        try {
            Gateway.await("load running", () -> windows.get() > 200);
            Bundle v2 = install(ModelVariant.of(context, "2.0.0", UnaryOperator.identity()));
            long before = windows.get();
            Gateway.await("2.0.0 serving after its canary trial", () -> servesLoad("2.0.0"));
            Gateway.await("more load on 2.0.0", () -> windows.get() > before + 1000);
            v2.uninstall();
            Gateway.await("1.0.0 serving again", () -> servesLoad("1.0.0"));
            long after = windows.get();
            Gateway.await("more load on 1.0.0", () -> windows.get() > after + 500);
            assertEquals("1.0.0", serving(CLASSIFIER).getProperty(Model.VERSION));
        } finally {
            run.set(false);
            load.join(10_000);
            context.removeBundleListener(watch);
        }
        assertEquals(failedBefore, failed(), "failed inferences during the swaps");
        assertEquals(Set.of(), stopped, "application bundles stopped");
        assertEquals(appBundles, Gateway.wrenBundles(context).stream()
                .filter(b -> !b.getSymbolicName().startsWith("dev.wren.model."))
                .collect(Collectors.toMap(Bundle::getBundleId, Bundle::getLastModified)), "application bundles changed");
    }

    @Test
    void aModelBundleUpdatedInPlaceIsANewVersionAndThePreviousOneServesUntilItPassesAndStaysForRollback() throws Exception {
        ReadingSink pipeline = pipeline();
        long failedBefore = failed();
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicLong windows = new AtomicLong();
        Thread load = load(pipeline, run, windows);
        try (LogWatch log = new LogWatch(logReader)) {
            Bundle b = install(ModelVariant.of(context, "2.0.0", UnaryOperator.identity()));
            Gateway.await("2.0.0 serving after its canary trial", () -> servesLoad("2.0.0"));

            b.update(new ByteArrayInputStream(ModelVariant.of(context, "2.1.0", bytes -> {
                byte[] copy = bytes.clone();
                copy[copy.length / 2] ^= 0x5A;
                return copy;
            })));
            Gateway.await("the broken update refused", () -> log.hasError("refused: checksum"));
            long after = windows.get();
            Gateway.await("more load", () -> windows.get() > after + 500);
            assertEquals("2.0.0", serving(CLASSIFIER).getProperty(Model.VERSION), "the version from before the update serves");
            assertTrue(servesLoad("2.0.0"));

            b.update(new ByteArrayInputStream(ModelVariant.of(context, "3.0.0", UnaryOperator.identity())));
            Gateway.await("3.0.0 serving after its canary trial", () -> servesLoad("3.0.0"));
            assertEquals(1, context.getServiceReferences(Model.class, "(&(" + Model.NAME + "=" + CLASSIFIER + ")("
                    + Model.VERSION + "=2.0.0))").size(), "2.0.0 stays, for rollback");
            b.uninstall();
            Gateway.await("1.0.0 serving again once the bundle is gone", () -> servesLoad("1.0.0"));
            // the bundle's versions are removed together, but their services unregister one by one
            Gateway.await("the kept version gone with its bundle", () -> models("2.0.0") == 0);
        } finally {
            run.set(false);
            load.join(10_000);
        }
        assertEquals(failedBefore, failed(), "failed inferences during the updates");
    }

    @Test
    void aClassifierTrainedOnShuffledLabelsIsRolledBackByItsCanaryAndTheVerdictReachesTheOutbox() throws Exception {
        ReadingSink pipeline = pipeline();
        byte[] jar;
        try (var in = getClass().getClassLoader().getResourceAsStream("models/vibration-classifier-shuffled.jar")) {
            jar = in.readAllBytes();
        }
        install(jar);
        float[] fault = signal(Vibration.Condition.BEARING_FAULT);
        String channel = "models/" + CLASSIFIER + "/canary";
        List<Message> verdict = List.of();
        for (int n = 0; n < 50 && verdict.isEmpty(); n++) {
            pipeline.acceptWindow(new Window("canary-it", List.of("accel.x", "accel.y", "accel.z"), "g",
                    System.currentTimeMillis(), 1000.0, fault.clone()));
            verdict = stored(channel);
        }
        if (verdict.isEmpty()) {
            verdict = inTheOutbox(channel, 1);
        }
        String json = new String(verdict.get(0).payload(), StandardCharsets.UTF_8);
        assertEquals(Message.ALERT, verdict.get(0).priority(), json);
        assertTrue(json.startsWith("{\"model\":\"vibration-classifier\",\"version\":\"1.1.0\",\"serving\":\"1.0.0\","
                + "\"verdict\":\"rolled back\","), json);
        java.util.regex.Matcher agreement = java.util.regex.Pattern.compile("\"fault_agreement\":([0-9.]+)").matcher(json);
        assertTrue(agreement.find() && Double.parseDouble(agreement.group(1)) < 0.9, json);
        assertTrue(json.contains("\"reason\":\"decided as the serving version on only "), json);
        assertEquals("1.0.0", serving(CLASSIFIER).getProperty(Model.VERSION), "the serving version stays");
    }

    /** @return a started thread that feeds the pipeline as fast as it can, 20 normal windows then 20 faulty ones, while {@code run} */
    private static Thread load(ReadingSink pipeline, AtomicBoolean run, AtomicLong windows) {
        float[][] signals = {signal(Vibration.Condition.NORMAL), signal(Vibration.Condition.BEARING_FAULT)};
        Thread load = new Thread(() -> {
            for (long n = 0; run.get(); n++) {
                pipeline.acceptWindow(new Window("load-it", List.of("accel.x", "accel.y", "accel.z"), "g",
                        System.currentTimeMillis(), 1000.0, signals[(int) (n / 20 % 2)]));
                windows.incrementAndGet();
            }
        }, "inference-load");
        load.start();
        return load;
    }

    /** @return the stored messages on {@code channel} now, left stored */
    private List<Message> stored(String channel) throws Exception {
        List<Stored> got = outbox.take(100_000, 10, TimeUnit.MILLISECONDS);
        try {
            return got.stream().map(Stored::message).filter(m -> m.channel().equals(channel)).toList();
        } finally {
            got.forEach(st -> outbox.release(st.id()));
        }
    }

    /** @return the payload of the first stored message on {@code channel}, waiting for one */
    private String insightInTheOutbox(String channel) throws Exception {
        Message m = inTheOutbox(channel, 1).get(0);
        assertEquals(Message.TELEMETRY, m.priority());
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    /** @return the stored messages on {@code channel} once there are at least {@code n}; all are left stored */
    private List<Message> inTheOutbox(String channel, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<Stored> got = outbox.take(100_000, 1, TimeUnit.SECONDS);
            try {
                List<Message> on = got.stream().map(Stored::message).filter(m -> m.channel().equals(channel)).toList();
                if (on.size() >= n) {
                    return on;
                }
            } finally {
                got.forEach(st -> outbox.release(st.id()));
            }
        }
        throw new AssertionError("fewer than " + n + " messages on " + channel + " in the outbox");
    }

    private boolean servesLoad(String version) {
        synchronized (insights) {
            for (int i = insights.size() - 1; i >= 0 && i >= insights.size() - 200; i--) {
                Insight x = insights.get(i);
                if (x.sensor().equals("load-it") && x.model().equals(CLASSIFIER) && x.modelVersion().equals(version)) {
                    return true;
                }
            }
            return false;
        }
    }

    private ServiceReference<Model> serving(String name) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            var refs = context.getServiceReferences(Model.class, "(&(" + Model.NAME + "=" + name + ")(" + Model.SERVING
                    + "=true))");
            if (!refs.isEmpty()) {
                return refs.iterator().next();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no serving version of " + name);
            }
            Thread.sleep(20);
        }
    }

    private ReadingSink pipeline() throws Exception {
        var refs = context.getServiceReferences(ReadingSink.class, "(osgi.command.function=pipeline)");
        assertFalse(refs.isEmpty(), "the pipeline is registered");
        return context.getService(refs.iterator().next());
    }

    /** The pipeline's failed-inference count, from its shell command's output. */
    private long failed() throws Exception {
        ReadingSink p = pipeline();
        Method m = p.getClass().getMethod("pipeline");
        String text = (String) m.invoke(p);
        java.util.regex.Matcher f = java.util.regex.Pattern.compile("failed (\\d+)").matcher(text);
        assertTrue(f.find(), text);
        return Long.parseLong(f.group(1));
    }

    private static float[] signal(Vibration.Condition condition) {
        Vibration v = new Vibration(7).condition(condition);
        float[] out = new float[FRAMES * 3];
        double[] a = new double[3];
        for (int i = 0; i < FRAMES; i++) {
            v.accel(i / 1000.0, a);
            out[3 * i] = (float) a[0];
            out[3 * i + 1] = (float) a[1];
            out[3 * i + 2] = (float) a[2];
        }
        return out;
    }

    private Bundle install(byte[] jar) throws Exception {
        Bundle b = context.installBundle("inference-test:" + System.nanoTime(), new ByteArrayInputStream(jar));
        installed.add(b);
        b.start();
        return b;
    }

    private int models(String version) {
        try {
            return context.getServiceReferences(Model.class, "(&(" + Model.NAME + "=" + CLASSIFIER + ")(" + Model.VERSION
                    + "=" + version + "))").size();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
