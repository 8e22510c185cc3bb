package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.uplink.Uplink;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Mosquitto;

/**
 * The uplink's password the Kura way: set through Kura's configuration service, it reaches Config
 * Admin encrypted by the CryptoService, the uplink decrypts it and a real mosquitto that requires it
 * lets the uplink in. (The shared UplinkPasswordTest refuses a value the CryptoService cannot decrypt.)
 */
class UplinkPasswordTest extends KuraTestBase {

    static final String UPLINK = "dev.wren.uplink.Uplink";

    @InjectService(timeout = 20_000)
    Uplink uplink;

    @InjectService(timeout = 20_000)
    CryptoService crypto;

    @TempDir
    Path dir;

    @AfterEach
    void disconnect() throws Exception {
        kura.updateConfiguration(UPLINK, Map.of("broker.url", "", "gateway.id", "", "username", "", "password", ""));
        await("the uplink disabled again", () -> uplink.state() == State.DISABLED, uplink::reason);
    }

    @Test
    void aPasswordSetTheKuraWayIsStoredEncryptedAndConnects() throws Exception {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY);
        String secret = "kura-" + System.nanoTime();
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).user("kura-gw", secret).start()) {
            kura.updateConfiguration(UPLINK, Map.of("broker.url", broker.url(), "gateway.id", "kura-gw",
                    "username", "kura-gw", "password", secret, "backoff.initial.ms", 100L, "backoff.max.ms", 500L));
            Configuration c = cm.getConfiguration(UPLINK, "?");
            String stored = (String) c.getProperties().get("password");
            assertNotEquals(secret, stored, "Config Admin holds the password encrypted");
            assertEquals(secret, new String(crypto.decryptAes(stored.toCharArray())));
            await("the uplink connected with the decrypted password", () -> uplink.state() == State.CONNECTED, uplink::reason);
        }
    }
}
