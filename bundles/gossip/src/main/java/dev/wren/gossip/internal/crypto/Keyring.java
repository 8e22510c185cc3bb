package dev.wren.gossip.internal.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's AES keys, immutable: the primary key seals every packet, every key opens. A key's
 * id (one byte in each packet's header) is the first byte of the key's SHA-256, so nodes agree on
 * ids without configuring them; keys that share an id are each tried.
 *
 * <p>Rotation, one step at a time across the whole cluster: {@link #plus} the new key everywhere
 * (everyone still seals with the old one and opens both), then {@link #withPrimary} the new key
 * everywhere, then {@link #minus} the old one. There is no default key.
 */
public final class Keyring {

    private final List<byte[]> keys;
    private final List<SecretKeySpec> specs;
    private final byte[] ids;

    private Keyring(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keyring: at least one key is needed");
        }
        this.keys = keys;
        this.specs = new ArrayList<>();
        this.ids = new byte[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            byte[] k = keys.get(i);
            if (k.length != 16 && k.length != 24 && k.length != 32) {
                throw new IllegalArgumentException("keyring: a key must be 16, 24 or 32 bytes, was " + k.length);
            }
            specs.add(new SecretKeySpec(k, "AES"));
            ids[i] = id(k);
        }
    }

    /** @param keys the primary key first, then the keys that only open */
    public static Keyring of(byte[]... keys) {
        List<byte[]> l = new ArrayList<>();
        for (byte[] k : keys) {
            if (indexOf(l, k) < 0) {
                l.add(k.clone());
            }
        }
        return new Keyring(l);
    }

    /** @return this ring with {@code key} added as a key that opens (no change if present) */
    public Keyring plus(byte[] key) {
        List<byte[]> l = new ArrayList<>(keys);
        if (indexOf(l, key) < 0) {
            l.add(key.clone());
        }
        return new Keyring(l);
    }

    /** @return this ring with {@code key} as the primary, added if absent */
    public Keyring withPrimary(byte[] key) {
        List<byte[]> l = new ArrayList<>(keys);
        int i = indexOf(l, key);
        l.add(0, i < 0 ? key.clone() : l.remove(i));
        return new Keyring(l);
    }

    /** @return this ring without {@code key}; the primary key cannot be removed */
    public Keyring minus(byte[] key) {
        int i = indexOf(keys, key);
        if (i == 0) {
            throw new IllegalArgumentException("keyring: the primary key cannot be removed; make another primary first");
        }
        List<byte[]> l = new ArrayList<>(keys);
        if (i > 0) {
            l.remove(i);
        }
        return new Keyring(l);
    }

    /** @return copies of the keys, the primary first: what other uses of the cluster keys derive theirs from */
    public List<byte[]> keys() {
        return keys.stream().map(byte[]::clone).toList();
    }

    public int size() {
        return keys.size();
    }

    byte primaryId() {
        return ids[0];
    }

    SecretKeySpec primary() {
        return specs.get(0);
    }

    /** @return the keys whose id is {@code id}, in ring order; empty when none */
    List<SecretKeySpec> withId(byte id) {
        List<SecretKeySpec> l = new ArrayList<>(1);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                l.add(specs.get(i));
            }
        }
        return l;
    }

    static byte id(byte[] key) {
        return sha256(key)[0];
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Equal when the same keys are in the same order (the same primary): a reconfiguration that changes nothing. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Keyring k) || k.keys.size() != keys.size()) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (!Arrays.equals(keys.get(i), k.keys.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (byte[] k : keys) {
            h = 31 * h + Arrays.hashCode(k);
        }
        return h;
    }

    private static int indexOf(List<byte[]> l, byte[] key) {
        for (int i = 0; i < l.size(); i++) {
            if (Arrays.equals(l.get(i), key)) {
                return i;
            }
        }
        return -1;
    }
}
