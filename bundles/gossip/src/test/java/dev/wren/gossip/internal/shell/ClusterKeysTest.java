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
        assertEquals(KEYS, ClusterKeys.clear(new String[] {KEYS}, null));
        assertEquals(KEYS, ClusterKeys.clear(KEYS.split(","), null), "one key per entry");
        assertEquals(KEYS, ClusterKeys.clear(new String[] {"", KEYS.split(",")[0], " ", KEYS.split(",")[1]}, null));
    }

    @Test
    void noEntryAndBlankEntriesAreNoKey() {
        assertEquals("", ClusterKeys.clear(new String[0], null));
        assertEquals("", ClusterKeys.clear(null, null));
        assertEquals("", ClusterKeys.clear(new String[] {"", " "}, new AesCrypto()));
    }

    @Test
    void insideKuraTheEncryptedKeysAreDecrypted() throws KuraException {
        AesCrypto crypto = new AesCrypto();
        String stored = new String(crypto.encryptAes(KEYS.toCharArray()));
        assertFalse(stored.contains(KEYS));
        assertEquals(KEYS, ClusterKeys.clear(new String[] {stored}, crypto));
        String[] each = {new String(crypto.encryptAes(KEYS.split(",")[0].toCharArray())),
            new String(crypto.encryptAes(KEYS.split(",")[1].toCharArray()))};
        assertEquals(KEYS, ClusterKeys.clear(each, crypto), "each entry decrypted");
    }

    @Test
    void keysThatDoNotDecryptAreRefusedByNameWithoutTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterKeys.clear(new String[] {KEYS}, new AesCrypto()));
        assertTrue(e.getMessage().startsWith("cluster.keys: not a value Kura's CryptoService encrypted"), e.getMessage());
        assertFalse(e.getMessage().contains("AAECAwQF"), e.getMessage());
        assertFalse(e.getMessage().contains("EBESExQV"), e.getMessage());
    }
}
