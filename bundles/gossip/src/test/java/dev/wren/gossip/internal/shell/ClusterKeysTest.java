package dev.wren.gossip.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.Test;

class ClusterKeysTest {

    static final String KEYS = "AAECAwQFBgcICQoLDA0ODw==,EBESExQVFhcYGRobHB0eHw==";

    /** Real AES-GCM under one key, as Kura's CryptoService encrypts password attributes (its own scheme differs). */
    static final class Aes implements CryptoService {
        private final SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");

        @Override
        public char[] encryptAes(char[] value) throws KuraException {
            try {
                byte[] iv = new byte[12];
                new SecureRandom().nextBytes(iv);
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                byte[] sealed = c.doFinal(new String(value).getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array())
                        .toCharArray();
            } catch (GeneralSecurityException e) {
                throw new KuraException(KuraErrorCode.ENCODE_ERROR, e);
            }
        }

        @Override
        public char[] decryptAes(char[] encrypted) throws KuraException {
            try {
                byte[] all = Base64.getDecoder().decode(new String(encrypted));
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
                return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8).toCharArray();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new KuraException(KuraErrorCode.DECODER_ERROR, e);
            }
        }

        @Override
        public String encryptAes(String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String decryptAes(String encryptedValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String hash(String s, String algorithm) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String encodeBase64(String stringValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String decodeBase64(String encodedValue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public char[] getKeyStorePassword(String keyStorePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setKeyStorePassword(String keyStorePath, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setKeyStorePassword(String keyStorePath, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isFrameworkSecure() {
            return false;
        }
    }

    @Test
    void withoutKurasCryptoServiceTheKeysAreTakenAsWritten() {
        assertEquals(KEYS, ClusterKeys.clear(KEYS, null));
    }

    @Test
    void insideKuraTheEncryptedKeysAreDecrypted() throws KuraException {
        Aes crypto = new Aes();
        String stored = new String(crypto.encryptAes(KEYS.toCharArray()));
        assertFalse(stored.contains(KEYS));
        assertEquals(KEYS, ClusterKeys.clear(stored, crypto));
        assertEquals("", ClusterKeys.clear("", crypto));
    }

    @Test
    void keysThatDoNotDecryptAreRefusedByNameWithoutTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterKeys.clear(KEYS, new Aes()));
        assertTrue(e.getMessage().startsWith("cluster.keys: not a value Kura's CryptoService encrypted"), e.getMessage());
        assertFalse(e.getMessage().contains("AAECAwQF"), e.getMessage());
        assertFalse(e.getMessage().contains("EBESExQV"), e.getMessage());
    }
}
