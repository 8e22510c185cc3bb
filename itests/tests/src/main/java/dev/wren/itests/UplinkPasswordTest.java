package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.uplink.Uplink;
import dev.wren.uplink.Uplink.State;
import dev.wren.kura.compat.testing.AesCrypto;
import dev.wren.uplink.testing.Certificates;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * Inside Kura the uplink's password arrives encrypted by Kura's CryptoService: with one present
 * the uplink decrypts it and connects (over TLS, through the Paho copy inside the uplink bundle);
 * a value it cannot decrypt is refused by PID and property, never shown, and the connection
 * stays up. The CryptoService is the set's own where it has one (the Kura set's stand-in), else a
 * working AES stand-in written from Kura's documented API that the test registers.
 */
class UplinkPasswordTest extends GatewayTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Uplink uplink;

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @TempDir
    Path dir;

    private ServiceRegistration<CryptoService> crypto;

    /** After the base's configuration: the uplink needs it (this class may run first). */
    @BeforeEach
    void services(@InjectService(timeout = 20_000) Uplink u) {
        uplink = u;
    }

    @AfterEach
    void restore() throws Exception {
        if (crypto != null) {
            crypto.unregister();
        }
        Gateway.configure(cm);
        Gateway.await("the uplink disabled again", () -> uplink.state() == State.DISABLED
                && uplink.reason().contains("broker.url is empty"), uplink::reason);
    }

    @Test
    void anEncryptedPasswordIsDecryptedAndAnUndecryptableOneIsRefusedKeepingTheConnection() throws Exception {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY);
        String secret = "pa55-" + System.nanoTime();
        if (context.getServiceReference(CryptoService.class) == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 1_000);
            crypto = context.registerService(CryptoService.class, new AesCrypto(), props);
        }
        Certificates certs = Certificates.create(dir.resolve("certs"));
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).user("wren", secret).tls(certs, false).start();
                Subscriber cloud = Subscriber.connectAs(broker, "cloud-pw", true, "wren", secret, "wren/it-gw/#")) {
            Map<String, Object> c = new HashMap<>();
            c.put("broker.url", broker.tlsUrl("127.0.0.1"));
            c.put("tls.ca.file", certs.ca().toString());
            c.put("gateway.id", "it-gw");
            c.put("username", "wren");
            c.put("password", Gateway.secret(context, secret));
            c.put("backoff.initial.ms", 100L);
            c.put("backoff.max.ms", 500L);
            Gateway.update(cm.getConfiguration(Gateway.UPLINK, "?"), c);
            Gateway.await("connected over TLS with the decrypted password", () -> uplink.state() == State.CONNECTED,
                    uplink::reason);
            assertTrue(cloud.await(l -> l.stream().anyMatch(r -> r.topic().equals("wren/it-gw/" + Gateway.SENSOR_ID)),
                    WAIT), "readings arrive: " + cloud.received().size());
            Instant since = uplink.since();

            String undecryptable = "typed-in-plain-" + System.nanoTime();
            try (LogWatch log = new LogWatch(logReader)) {
                c.put("password", undecryptable);
                Gateway.update(cm.getConfiguration(Gateway.UPLINK, "?"), c);
                Gateway.await("the refusal named", () -> log.hasError("Configuration " + Gateway.UPLINK
                        + " refused, keeping the last good one: password: Kura's CryptoService cannot decrypt the value of "
                        + Gateway.UPLINK));
                List<String> shown = log.entries.stream().map(e -> String.valueOf(e.getMessage()))
                        .filter(m -> m.contains(undecryptable)).toList();
                assertEquals(List.of(), shown, "the value is never logged");
            }
            assertEquals(State.CONNECTED, uplink.state(), uplink.reason());
            assertEquals(since, uplink.since(), "the last good connection kept");
            int before = cloud.received().size();
            assertTrue(cloud.await(l -> l.size() > before + 2, WAIT), "readings keep arriving");
            assertFalse(uplink.reason().contains(undecryptable));
        }
    }
}
