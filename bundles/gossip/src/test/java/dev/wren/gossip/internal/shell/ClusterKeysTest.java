package dev.wren.gossip.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.Test;

import dev.wren.kura.compat.testing.AesCrypto;

class ClusterKeysTest {

    static final String KEYS = "AAECAwQFBgcICQoLDA0ODw==,EBESExQVFhcYGRobHB0eHw==";

    @Test
    void withoutKurasCryptoServiceTheKeysAreTakenAsWritten() {
        assertEquals(KEYS, ClusterKeys.clear(KEYS, null));
    }

    @Test
    void insideKuraTheEncryptedKeysAreDecrypted() throws KuraException {
        AesCrypto crypto = new AesCrypto();
        String stored = new String(crypto.encryptAes(KEYS.toCharArray()));
        assertFalse(stored.contains(KEYS));
        assertEquals(KEYS, ClusterKeys.clear(stored, crypto));
        assertEquals("", ClusterKeys.clear("", crypto));
    }

    @Test
    void keysThatDoNotDecryptAreRefusedByNameWithoutTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterKeys.clear(KEYS, new AesCrypto()));
        assertTrue(e.getMessage().startsWith("cluster.keys: not a value Kura's CryptoService encrypted"), e.getMessage());
        assertFalse(e.getMessage().contains("AAECAwQF"), e.getMessage());
        assertFalse(e.getMessage().contains("EBESExQV"), e.getMessage());
    }
}
