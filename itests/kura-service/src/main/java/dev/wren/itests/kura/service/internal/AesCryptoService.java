package dev.wren.itests.kura.service.internal;

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
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.service.component.annotations.Component;

/**
 * Test only: Kura's CryptoService as its API documents it. AES-GCM under a key made at activation
 * (Kura keeps one per installation), Base64 of nonce and sealed text. A value it did not encrypt
 * fails to decrypt with a {@link KuraException} {@code DECODER_ERROR}, as on Kura.
 */
@Component(service = CryptoService.class)
public final class AesCryptoService implements CryptoService {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, char[]> keyStores = new ConcurrentHashMap<>();

    public AesCryptoService() throws NoSuchAlgorithmException {
        KeyGenerator g = KeyGenerator.getInstance("AES");
        g.init(128);
        key = g.generateKey();
    }

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            ByteBuffer clear = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
            byte[] sealed = c.doFinal(Arrays.copyOf(clear.array(), clear.limit()));
            ByteBuffer out = ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed);
            return Base64.getEncoder().encodeToString(out.array()).toCharArray();
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
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8).toCharArray();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, e, "value");
        }
    }

    @Override
    @Deprecated
    public String encryptAes(String value) {
        try {
            return new String(encryptAes(value.toCharArray()));
        } catch (KuraException e) {
            throw new IllegalStateException(e);
        }
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
    public char[] getKeyStorePassword(String keyStorePath) {
        char[] p = keyStores.get(keyStorePath);
        return p == null ? null : p.clone();
    }

    @Override
    public void setKeyStorePassword(String keyStorePath, char[] password) {
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
