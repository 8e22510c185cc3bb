package dev.wren.standalone.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Passwords for the Felix web console: random generation and the salted, iterated
 * {@code {sha-256}salt-iterations-base64} form its {@code password} property accepts.
 */
final class ConsolePassword {

    /** A well-formed hash nobody knows a password for: the console is locked until configured. */
    static final String LOCKED = "{sha-256}" + Base64.getEncoder().encodeToString(new byte[32]);

    /** The console's built-in default, the hash of "admin". */
    static final String ADMIN = "{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int ITERATIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsolePassword() {
    }

    /** @return a new password of {@code length} unambiguous letters and digits (~5.8 bits each) */
    static String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** @return the salted hash of {@code password} with a new random salt */
    static String hash(String password) {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        return hash(password, HexFormat.of().formatHex(salt), ITERATIONS);
    }

    static String hash(String password, String salt, int iterations) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] b = (salt + password).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < iterations; i++) {
                md.reset();
                b = md.digest(b);
            }
            return "{sha-256}" + salt + "-" + (iterations > 1 ? iterations + "-" : "")
                    + Base64.getEncoder().encodeToString(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** @return whether {@code hash} is one nobody chose: absent, the locked placeholder or admin */
    static boolean isUnset(Object hash) {
        return hash == null || LOCKED.equals(hash) || ADMIN.equals(hash) || "admin".equals(hash);
    }
}
