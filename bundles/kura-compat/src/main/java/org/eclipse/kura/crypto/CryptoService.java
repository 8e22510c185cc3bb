package org.eclipse.kura.crypto;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;

import org.eclipse.kura.KuraException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura's cryptography service: AES encryption of configuration secrets (password attributes reach
 * components encrypted with {@link #encryptAes(char[])}; a component gets the clear text back with
 * {@link #decryptAes(char[])}), Base64, hashes and key store passwords. Same methods and
 * exceptions as Kura 5.4's interface; only the platform implements it.
 */
@ProviderType
public interface CryptoService {

    /** @return {@code value} AES-encrypted, as Kura stores password attributes */
    char[] encryptAes(char[] value) throws KuraException;

    /**
     * @return the clear text of {@code encryptedValue}
     * @throws KuraException if the value is not something this service encrypted
     */
    char[] decryptAes(char[] encryptedValue) throws KuraException;

    /** @deprecated as in Kura: use {@link #encryptAes(char[])} */
    @Deprecated
    String encryptAes(String value) throws NoSuchAlgorithmException, NoSuchPaddingException, InvalidKeyException,
            IllegalBlockSizeException, BadPaddingException;

    /** @deprecated as in Kura: use {@link #decryptAes(char[])} */
    @Deprecated
    String decryptAes(String encryptedValue) throws NoSuchAlgorithmException, NoSuchPaddingException,
            InvalidKeyException, IOException, IllegalBlockSizeException, BadPaddingException;

    /** @return the SHA-1 hash of {@code s} */
    default String sha1Hash(String s) throws NoSuchAlgorithmException, UnsupportedEncodingException {
        return hash(s, "SHA-1");
    }

    /** @return the SHA-256 hash of {@code s} */
    default String sha256Hash(String s) throws NoSuchAlgorithmException, UnsupportedEncodingException {
        return hash(s, "SHA-256");
    }

    /** @return the hash of {@code s} with {@code algorithm} */
    String hash(String s, String algorithm) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    String encodeBase64(String stringValue) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    String decodeBase64(String encodedValue) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    /** @return the password of the key store at {@code keyStorePath} */
    char[] getKeyStorePassword(String keyStorePath);

    void setKeyStorePassword(String keyStorePath, char[] password) throws KuraException;

    /** @deprecated as in Kura: use {@link #setKeyStorePassword(String, char[])} */
    @Deprecated
    void setKeyStorePassword(String keyStorePath, String password) throws IOException;

    /** @return whether the framework runs in security mode */
    boolean isFrameworkSecure();
}
