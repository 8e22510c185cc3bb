package dev.wren.uplink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.wren.store.Message;
import dev.wren.store.Stored;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.store.internal.OutboxLimits;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.internal.Configs;
import dev.wren.uplink.internal.Counters;
import dev.wren.uplink.internal.Engine;
import dev.wren.uplink.internal.Status;
import dev.wren.uplink.testing.Mosquitto;

/**
 * Draining a backlog, side by side in one run, each against a fresh local mosquitto with nobody
 * subscribed: (a) raw Paho, QoS 1, memory persistence, {@code messages} ready-made ~120-byte JSON
 * payloads published through a semaphore of {@code W} permits (Paho's {@code maxInflight} W),
 * timed from the first publish to the last acknowledgement; (b) the same number of messages
 * first put into a Derby outbox by {@code producers} threads (timed on its own, not part of the
 * drain), then drained by the uplink engine with in-flight window W, timed from CONNECTED to the
 * last acknowledgement (the ~90-byte stored payloads get their id fields on the wire: ~120 bytes).
 * After {@code warmup} untimed rounds of half the messages (the JIT needs a few hundred thousand
 * publishes to settle), for each W {@code runs} rounds interleaved; medians.
 *
 * <pre>
 * mvn -q -o -pl bundles/uplink test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.uplink.DrainBenchmark -Ddir=target/bench -Dmessages=100000 -Druns=3 -Dwindows=100,1000 \
 *   -Dwarmup=2 -Dbatch=100
 * </pre>
 */
public final class DrainBenchmark {

    private static final String BODY = "\"sensor\":\"air\",\"quantity\":\"temperature\",\"value\":21.43,"
            + "\"unit\":\"degC\",\"timestamp\":1763798400000}";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("dir", "target/bench")).toAbsolutePath();
        int n = Integer.getInteger("messages", 100_000);
        int runs = Integer.getInteger("runs", 3);
        int producers = Integer.getInteger("producers", 64);
        int batch = Integer.getInteger("batch", 100);
        int warmup = Integer.getInteger("warmup", 2);
        int[] windows = Arrays.stream(System.getProperty("windows", "100,1000").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        Files.createDirectories(dir);
        System.out.printf("%d messages, windows %s, %d runs after %d warm-up rounds, batch %d, %d producers%n", n,
                Arrays.toString(windows), runs, warmup, batch, producers);
        for (int r = 0; r < warmup; r++) {
            Path round = Files.createTempDirectory(dir, "warmup-" + r + "-");
            double a = raw(round.resolve("raw"), n / 2, windows[windows.length - 1]);
            double[] b = outbox(round, n / 2, windows[windows.length - 1], batch, producers);
            System.out.printf("warm-up %d: raw Paho %.0f msg/s, outbox put %.0f msg/s, drain %.0f msg/s%n", r + 1, a, b[0],
                    b[1]);
        }
        for (int w : windows) {
            double[] raw = new double[runs];
            double[] put = new double[runs];
            double[] drain = new double[runs];
            for (int r = 0; r < runs; r++) {
                Path round = Files.createTempDirectory(dir, "w" + w + "-r" + r + "-");
                raw[r] = raw(round.resolve("raw"), n, w);
                double[] o = outbox(round, n, w, batch, producers);
                put[r] = o[0];
                drain[r] = o[1];
                System.out.printf("W=%d run %d: raw Paho %.0f msg/s | outbox put %.0f msg/s, drain %.0f msg/s (%.2f x raw)%n",
                        w, r + 1, raw[r], put[r], drain[r], drain[r] / raw[r]);
            }
            System.out.printf("W=%d median: raw Paho %.0f msg/s, uplink drain %.0f msg/s, ratio %.2f (put %.0f msg/s)%n",
                    w, median(raw), median(drain), median(drain) / median(raw), median(put));
        }
    }

    /** @return msg/s of raw Paho */
    static double raw(Path dir, int n, int window) throws Exception {
        byte[][] payloads = new byte[n][];
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            payloads[i] = ("{\"id\":" + (i + 1) + ",\"ts\":" + now + "," + BODY).getBytes(StandardCharsets.UTF_8);
        }
        try (Mosquitto broker = Mosquitto.in(dir).start()) {
            MqttAsyncClient client = new MqttAsyncClient(broker.url(), "bench-raw", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setCleanSession(true);
            o.setMaxInflight(window);
            client.connect(o).waitForCompletion(10_000);
            Semaphore permits = new Semaphore(window);
            CountDownLatch done = new CountDownLatch(n);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            IMqttActionListener listener = new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    permits.release();
                    done.countDown();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failure.set(e);
                    permits.release();
                    done.countDown();
                }
            };
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                permits.acquire();
                client.publish("wren/bench/data/air", new MqttMessage(payloads[i]), null, listener);
            }
            done.await();
            long t1 = System.nanoTime();
            client.disconnect().waitForCompletion(5_000);
            client.close();
            if (failure.get() != null) {
                throw new IllegalStateException("raw publish failed", failure.get());
            }
            return n / ((t1 - t0) / 1e9);
        }
    }

    /** @return {put msg/s, drain msg/s} */
    static double[] outbox(Path dir, int n, int window, int batch, int producers) throws Exception {
        byte[] payload = ("{" + BODY).getBytes(StandardCharsets.UTF_8);
        try (DerbyOutbox outbox = DerbyOutbox.open(dir.resolve("outbox"), OutboxLimits.DEFAULTS)) {
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            AtomicLong left = new AtomicLong(n);
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            long p0 = System.nanoTime();
            for (int t = 0; t < producers; t++) {
                work.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        outbox.put(new Message("data/air", payload, Message.TELEMETRY));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : work) {
                f.get();
            }
            long p1 = System.nanoTime();
            pool.shutdown();
            if (outbox.stats().stored() != n) {
                throw new IllegalStateException("backlog of " + outbox.stats().stored() + ", expected " + n);
            }
            try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start()) {
                AtomicLong connectedAt = new AtomicLong();
                Engine.Listener listener = new Engine.Listener() {
                    @Override
                    public void status(Status status) {
                        if (status.state() == State.CONNECTED) {
                            connectedAt.compareAndSet(0, System.nanoTime());
                        } else if (status.state() == State.DISCONNECTED) {
                            System.err.println("uplink: " + status.reason());
                        }
                    }

                    @Override
                    public void dropped(Stored message, String why) {
                        System.err.println("dropped " + message.id() + ": " + why);
                    }
                };
                Counters counters = new Counters();
                long t1;
                try (Engine engine = new Engine(Configs.settings(Map.of("broker.url", broker.url(), "gateway.id", "bench",
                        "inflight.window", window, "batch.size", batch)), outbox, counters, listener).start()) {
                    while (counters.acked() < n) {
                        Thread.sleep(0, 200_000);
                    }
                    t1 = System.nanoTime();
                }
                return new double[] {n / ((p1 - p0) / 1e9), n / ((t1 - connectedAt.get()) / 1e9)};
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private DrainBenchmark() {
    }
}
