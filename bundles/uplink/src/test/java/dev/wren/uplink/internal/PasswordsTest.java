package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.kura.compat.testing.AesCrypto;

/** Password attributes: decrypted through Kura's CryptoService when there is one, plain text otherwise. */
class PasswordsTest {

    private final AesCrypto crypto = new AesCrypto();

    @Test
    void withACryptoServiceTheEncryptedValueIsDecrypted() {
        String encrypted = crypto.encrypt("s3cret-pa55");
        assertNotEquals("s3cret-pa55", encrypted);
        assertEquals("s3cret-pa55", Passwords.clear(crypto, MqttUplink.PID, "password", encrypted));
    }

    @Test
    void withoutACryptoServiceTheValueIsThePlainText() {
        assertEquals("s3cret-pa55", Passwords.clear(null, MqttUplink.PID, "password", "s3cret-pa55"));
    }

    @Test
    void anEmptyPasswordStaysEmptyWithOrWithoutACryptoService() {
        assertEquals("", Passwords.clear(crypto, MqttUplink.PID, "password", ""));
        assertEquals("", Passwords.clear(null, MqttUplink.PID, "password", ""));
    }

    @Test
    void aValueTheCryptoServiceCannotDecryptIsRefusedNamingPidAndPropertyButNotTheValue() {
        for (String bad : new String[] {"plain-text-pa55", new AesCrypto().encrypt("other-key-pa55"), "AAAA"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Passwords.clear(crypto, MqttUplink.PID, "password", bad));
            assertTrue(e.getMessage().startsWith("password: Kura's CryptoService cannot decrypt the value of "
                    + MqttUplink.PID + " (error code DECODER_ERROR)"), e.getMessage());
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void theDecryptedPasswordIsTheOneTheSettingsCarry() {
        MqttUplink.Config c = Configs.of(Map.of("broker.url", "tcp://127.0.0.1:1883", "gateway.id", "gw",
                "username", "wren", "password", crypto.encrypt("pa55")));
        Settings s = Settings.of(c, Passwords.clear(crypto, MqttUplink.PID, "password", c.password()));
        assertEquals("pa55", s.password());
        assertFalse(s.toString().contains("pa55"));
    }
}
