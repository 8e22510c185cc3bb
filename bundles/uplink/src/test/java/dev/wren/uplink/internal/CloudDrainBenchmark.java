package dev.wren.uplink.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.wren.store.Message;
import dev.wren.store.Stored;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.store.internal.OutboxLimits;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Mosquitto;

/**
 * Draining the same Derby backlog two ways, side by side in one run, each against a fresh local
 * mosquitto: (a) Wren's own MQTT path (the uplink {@link Engine}, window W); (b) the Kura path, a
 * {@link CloudDrain} handing {@code KuraMessage}s to a {@link CloudPublisher} with window W. The
 * publisher is a minimal Kura-like cloud connection written for this benchmark: Paho, QoS 1,
 * memory persistence, {@code maxInflight} W, confirming each id on its PUBACK; it has neither
 * Kura's H2 message store nor its rate limit, so (b) measures what Wren's CloudPublisher path costs
 * on top of the same MQTT work, not Kura's data service. Timed from the start (the engine's
 * CONNECTED, the drain's start) to the last deletion from the outbox. Backlogs are put by 64
 * producers before, untimed. After {@code warmup} untimed rounds, {@code runs} rounds with the two
 * interleaved; medians.
 *
 * <pre>
 * MAVEN_OPTS="-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1" \
 * mvn -q -pl bundles/uplink test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.uplink.internal.CloudDrainBenchmark -Ddir=target/bench -Dmessages=50000 -Druns=3 \
 *   -Dwindow=100 -Dwarmup=1
 * </pre>
 */
public final class CloudDrainBenchmark {

    private static final byte[] PAYLOAD = ("{\"sensor\":\"air\",\"quantity\":\"temperature\",\"value\":21.43,"
            + "\"unit\":\"degC\",\"timestamp\":1763798400000}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("dir", "target/bench")).toAbsolutePath();
        int n = Integer.getInteger("messages", 50_000);
        int runs = Integer.getInteger("runs", 3);
        int window = Integer.getInteger("window", 100);
        int warmup = Integer.getInteger("warmup", 1);
        Files.createDirectories(dir);
        System.out.printf("%d messages, window %d, %d runs after %d warm-up rounds; JVM %s, max heap %d MB%n", n, window,
                runs, warmup, System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        for (int r = 0; r < warmup; r++) {
            Path round = Files.createTempDirectory(dir, "cloud-warmup-" + r + "-");
            System.out.printf("warm-up %d: MQTT %.0f msg/s, CloudPublisher %.0f msg/s%n", r + 1,
                    mqtt(round.resolve("mqtt"), n / 2, window), cloud(round.resolve("cloud"), n / 2, window));
        }
        double[] mqtt = new double[runs];
        double[] cloud = new double[runs];
        for (int r = 0; r < runs; r++) {
            Path round = Files.createTempDirectory(dir, "cloud-r" + r + "-");
            mqtt[r] = mqtt(round.resolve("mqtt"), n, window);
            cloud[r] = cloud(round.resolve("cloud"), n, window);
            System.out.printf("run %d: MQTT path %.0f msg/s | CloudPublisher path %.0f msg/s (%.2f x)%n", r + 1, mqtt[r],
                    cloud[r], cloud[r] / mqtt[r]);
        }
        System.out.printf("median: MQTT path %.0f msg/s, CloudPublisher path %.0f msg/s, ratio %.2f%n", median(mqtt),
                median(cloud), median(cloud) / median(mqtt));
    }

    private static DerbyOutbox backlog(Path dir, int n) throws Exception {
        DerbyOutbox outbox = DerbyOutbox.open(dir.resolve("outbox"), OutboxLimits.DEFAULTS);
        Outboxes.putAll(outbox, java.util.Collections.nCopies(n, new Message("data/air", PAYLOAD, Message.TELEMETRY)), 64);
        if (outbox.stats().stored() != n) {
            throw new IllegalStateException("backlog of " + outbox.stats().stored() + ", expected " + n);
        }
        return outbox;
    }

    /** @return msg/s of the uplink engine */
    static double mqtt(Path dir, int n, int window) throws Exception {
        try (DerbyOutbox outbox = backlog(dir, n); Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start()) {
            AtomicLong connectedAt = new AtomicLong();
            Engine.Listener listener = new Engine.Listener() {
                @Override
                public void status(Status status) {
                    if (status.state() == State.CONNECTED) {
                        connectedAt.compareAndSet(0, System.nanoTime());
                    }
                }

                @Override
                public void dropped(Stored message, String why) {
                    System.err.println("dropped " + message.id() + ": " + why);
                }
            };
            try (Engine engine = new Engine(Configs.settings(Map.of("broker.url", broker.url(), "gateway.id", "bench",
                    "inflight.window", window, "batch.size", window)), outbox, new Counters(), listener).start()) {
                return n / (awaitEmpty(outbox) - awaitStart(connectedAt)) * 1e9;
            }
        }
    }

    /** @return msg/s through the CloudPublisher path */
    static double cloud(Path dir, int n, int window) throws Exception {
        try (DerbyOutbox outbox = backlog(dir, n); Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                PahoPublisher publisher = new PahoPublisher(broker.url(), window)) {
            CloudDrain.Listener quiet = new CloudDrain.Listener() {
                @Override
                public void trouble(String what) {
                    System.err.println("cloud drain: " + what);
                }

                @Override
                public void fine(String what) {
                }
            };
            long t0 = System.nanoTime();
            try (CloudDrain drain = new CloudDrain(publisher, outbox, new CloudSettings(true, window, 600_000, 50), quiet)
                    .start()) {
                return n / (double) (awaitEmpty(outbox) - t0) * 1e9;
            }
        }
    }

    private static long awaitStart(AtomicLong at) throws InterruptedException {
        while (at.get() == 0) {
            Thread.sleep(1);
        }
        return at.get();
    }

    private static double awaitEmpty(DerbyOutbox outbox) throws InterruptedException {
        while (outbox.stats().stored() > 0) {
            Thread.sleep(0, 200_000);
        }
        return System.nanoTime();
    }

    /** A minimal Kura-like cloud connection: QoS 1 through Paho, each id confirmed on its PUBACK. */
    private static final class PahoPublisher implements CloudPublisher, AutoCloseable {

        private final MqttAsyncClient client;
        private final AtomicLong ids = new AtomicLong();
        private final List<CloudDeliveryListener> deliveries = new CopyOnWriteArrayList<>();
        private final IMqttActionListener confirm = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                String id = (String) token.getUserContext();
                deliveries.forEach(l -> l.onMessageConfirmed(id));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                System.err.println("publish failed: " + e);
            }
        };

        PahoPublisher(String url, int window) throws MqttException {
            client = new MqttAsyncClient(url, "bench-kura", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setCleanSession(true);
            o.setMaxInflight(window + 1);
            client.connect(o).waitForCompletion(10_000);
        }

        @Override
        public String publish(KuraMessage message) throws org.eclipse.kura.KuraException {
            String id = Long.toString(ids.incrementAndGet());
            MqttMessage m = new MqttMessage(message.getPayload().getBody());
            m.setQos(1);
            try {
                client.publish("wren/bench/" + message.getProperties().get(CloudDrain.CHANNEL), m, id, confirm);
            } catch (MqttException e) {
                throw new org.eclipse.kura.KuraException(org.eclipse.kura.KuraErrorCode.CONNECTION_FAILED, e, e.getMessage());
            }
            return id;
        }

        @Override
        public void registerCloudConnectionListener(CloudConnectionListener l) {
        }

        @Override
        public void unregisterCloudConnectionListener(CloudConnectionListener l) {
        }

        @Override
        public void registerCloudDeliveryListener(CloudDeliveryListener l) {
            deliveries.add(l);
        }

        @Override
        public void unregisterCloudDeliveryListener(CloudDeliveryListener l) {
            deliveries.remove(l);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
