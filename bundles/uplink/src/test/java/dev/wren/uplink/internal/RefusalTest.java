package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Certificates;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * Brokers that refuse the gateway (credentials, TLS) and brokers that accept it over TLS: a
 * refusal leaves the state DISCONNECTED with the reason in words and every message in the
 * outbox; an acceptance drains it.
 */
class RefusalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path shared;
    private static Certificates certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY + " (./wren test installs it)");
        certs = Certificates.create(shared.resolve("certs"));
    }

    @Test
    void wrongPasswordIsRefusedAndKeepsTheMessages() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).user("gw", "right").start();
                DerbyOutbox outbox = filled(dir)) {
            Status refused = refused(Map.of("broker.url", broker.url(), "username", "gw", "password", "wrong"), outbox);
            assertTrue(refused.reason().contains("not authorized") || refused.reason().contains("user name or password"),
                    refused.reason());
            assertEquals("connection refused: not authorized (bad user name or password)", refused.reason());
        }
    }

    @Test
    void rightPasswordDrains() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).user("gw", "right").start();
                DerbyOutbox outbox = filled(dir);
                Subscriber cloud = Subscriber.connectAs(broker, "cloud", true, "gw", "right", "wren/gw/data/#")) {
            drains(Map.of("broker.url", broker.url(), "username", "gw", "password", "right"), outbox, cloud);
        }
    }

    @Test
    void tlsWithTheRightCaDrains() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).tls(certs, false).start();
                DerbyOutbox outbox = filled(dir);
                Subscriber cloud = Subscriber.connect(broker, "cloud", true, "wren/gw/data/#")) {
            drains(Map.of("broker.url", broker.tlsUrl("127.0.0.1"), "tls.ca.file", certs.ca().toString()), outbox, cloud);
        }
    }

    @Test
    void untrustedServerCertificateIsRefused() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).tls(certs, false).start();
                DerbyOutbox outbox = filled(dir)) {
            Status refused = refused(Map.of("broker.url", broker.tlsUrl("127.0.0.1"),
                    "tls.ca.file", certs.otherCa().toString()), outbox);
            assertTrue(refused.reason().startsWith("TLS handshake failed: server certificate not trusted"),
                    refused.reason());
        }
    }

    @Test
    void serverCertificateForAnotherHostIsRefusedUnlessVerificationIsOff() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker"))
                .tls(certs.ca(), certs.wrongHostServer(), certs.wrongHostServerKey(), false).start();
                DerbyOutbox outbox = filled(dir);
                Subscriber cloud = Subscriber.connect(broker, "cloud", true, "wren/gw/data/#")) {
            Map<String, Object> config = Map.of("broker.url", broker.tlsUrl("127.0.0.1"),
                    "tls.ca.file", certs.ca().toString());
            Status refused = refused(config, outbox);
            assertTrue(refused.reason().startsWith("TLS handshake failed: server certificate does not name the broker's host"),
                    refused.reason());
            assertTrue(refused.reason().contains("127.0.0.1"), refused.reason());

            Map<String, Object> unverified = new java.util.HashMap<>(config);
            unverified.put("tls.verify.hostname", false);
            drains(unverified, outbox, cloud);
        }
    }

    @Test
    void requiredClientCertificate() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).tls(certs, true).start();
                DerbyOutbox outbox = filled(dir);
                Subscriber cloud = Subscriber.connect(broker, "cloud", true, "wren/gw/data/#")) {
            Map<String, Object> without = Map.of("broker.url", broker.tlsUrl("localhost"), "tls.ca.file",
                    certs.ca().toString());
            Status refused = refused(without, outbox);
            assertTrue(refused.reason().startsWith("TLS handshake failed: the broker requires a client certificate"),
                    refused.reason());

            Map<String, Object> with = new java.util.HashMap<>(without);
            with.put("tls.client.cert.file", certs.client().toString());
            with.put("tls.client.key.file", certs.clientKey().toString());
            drains(with, outbox, cloud);
        }
    }

    private static final int MESSAGES = 20;

    private static DerbyOutbox filled(Path dir) throws Exception {
        DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
        Message m = new Message("data/reading", Outboxes.json("{\"v\":1}"), Message.TELEMETRY);
        Outboxes.putAll(outbox, java.util.Collections.nCopies(MESSAGES, m), 8);
        return outbox;
    }

    /** Runs an engine until it has failed twice with the same reason; @return that report */
    private static Status refused(Map<String, Object> config, DerbyOutbox outbox) throws Exception {
        Statuses statuses = new Statuses();
        try (Engine engine = new Engine(settings(config), outbox, new Counters(), statuses).start()) {
            Status twice = statuses.await(0, s -> s.state() == State.DISCONNECTED && s.failures() >= 2, WAIT);
            assertEquals(List.of(State.CONNECTING, State.DISCONNECTED, State.DISCONNECTED),
                    statuses.all().subList(0, 3).stream().map(Status::state).toList(), "never connected");
            assertEquals(MESSAGES, outbox.stats().stored(), "every message kept");
            assertEquals(0, outbox.stats().inFlight());
            return twice;
        }
    }

    private static void drains(Map<String, Object> config, DerbyOutbox outbox, Subscriber cloud) throws Exception {
        Statuses statuses = new Statuses();
        try (Engine engine = new Engine(settings(config), outbox, new Counters(), statuses).start()) {
            statuses.await(State.CONNECTED, WAIT);
            assertTrue(cloud.await(l -> l.size() >= MESSAGES, WAIT), "received " + cloud.count());
            WireFormatTest.awaitStored(outbox, 0);
        }
    }

    private static Settings settings(Map<String, Object> config) {
        Map<String, Object> all = new java.util.HashMap<>(config);
        all.put("gateway.id", "gw");
        all.put("backoff.initial.ms", 50L);
        all.put("backoff.max.ms", 100L);
        return Configs.settings(all);
    }
}
