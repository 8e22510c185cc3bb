package dev.wren.kura.compat.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * A working {@link CryptoService} as Kura's API documents it, for tests where Kura is absent:
 * AES-GCM with a fresh random key per instance, the result Base64 (nonce first). A value it did
 * not encrypt (plain text, another instance's output) fails to decrypt with a {@link KuraException},
 * as on Kura.
 */
public final class AesCrypto implements CryptoService {

    private static final int NONCE = 12;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, char[]> keyStores = new HashMap<>();

    public AesCrypto() {
        try {
            KeyGenerator g = KeyGenerator.getInstance("AES");
            g.init(128);
            key = g.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            ByteBuffer clear = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
            byte[] sealed = c.doFinal(Arrays.copyOf(clear.array(), clear.limit()));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return Base64.getEncoder().encodeToString(out).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.ENCODE_ERROR, e, "value");
        }
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        try {
            byte[] in = Base64.getDecoder().decode(new String(encryptedValue));
            if (in.length <= NONCE) {
                throw new KuraException(KuraErrorCode.DECODER_ERROR, "value");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
            byte[] clear = c.doFinal(in, NONCE, in.length - NONCE);
            return new String(clear, StandardCharsets.UTF_8).toCharArray();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, e, "value");
        }
    }

    /** @return {@code value} encrypted, as a String (Kura's configuration service stores passwords so) */
    public String encrypt(String value) {
        try {
            return new String(encryptAes(value.toCharArray()));
        } catch (KuraException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Deprecated
    public String encryptAes(String value) {
        return encrypt(value);
    }

    @Override
    @Deprecated
    public String decryptAes(String encryptedValue) throws IOException {
        try {
            return new String(decryptAes(encryptedValue.toCharArray()));
        } catch (KuraException e) {
            throw new IOException(e);
        }
    }

    @Override
    public String hash(String s, String algorithm) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String encodeBase64(String stringValue) {
        return Base64.getEncoder().encodeToString(stringValue.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decodeBase64(String encodedValue) {
        return new String(Base64.getDecoder().decode(encodedValue), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized char[] getKeyStorePassword(String keyStorePath) {
        char[] p = keyStores.get(keyStorePath);
        return p == null ? null : p.clone();
    }

    @Override
    public synchronized void setKeyStorePassword(String keyStorePath, char[] password) {
        keyStores.put(keyStorePath, password.clone());
    }

    @Override
    @Deprecated
    public void setKeyStorePassword(String keyStorePath, String password) {
        setKeyStorePassword(keyStorePath, password.toCharArray());
    }

    @Override
    public boolean isFrameworkSecure() {
        return false;
    }
}
