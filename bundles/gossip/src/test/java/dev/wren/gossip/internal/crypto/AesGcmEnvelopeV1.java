package dev.wren.gossip.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;

/**
 * The envelope of wire version 1, as it was before the route (receiver and boot epochs) was
 * sealed into every packet; kept, in the tests only, to make old gateways' packets and to measure
 * what the route costs ({@code EnvelopeBenchmark}). It implements no interface of today's.
 *
 * <p>AES-GCM packets under the cluster's {@link Keyring}.
 *
 * <pre>
 * 0      'W' (0x57)
 * 1      envelope version 1
 * 2      key id (first byte of the key's SHA-256)
 * 3..6   cluster tag (first 4 bytes of SHA-256 of "wren-cluster:" + name)
 * 7..18  nonce, 12 random bytes
 * 19..   AES-GCM ciphertext of (sender timestamp, 8 bytes big-endian ms, then the payload), 128-bit tag
 * </pre>
 *
 * The associated data is bytes 0..18 and the cluster name in UTF-8, so neither the header nor the
 * cluster can be changed without failing the tag; the tag in the clear only makes another cluster's
 * packets cheap to tell apart. Checks in order, each with its own {@link Drop}: size, header,
 * cluster, key id, tag, timestamp window, nonce replay; a nonce is remembered only once the packet
 * has passed all of them.
 */
public final class AesGcmEnvelopeV1 {

    static final int OVERHEAD = 43;
    static final int MAX_PACKET = Envelope.MAX_PACKET;

    static final int HEADER = 19;
    static final int TAG_BYTES = 16;
    private static final byte MAGIC = 0x57;
    private static final byte VERSION = 1;

    private final byte[] cluster;
    private final byte[] clusterTag;
    private final RandomGenerator nonces;
    private final ReplayGuard replay;
    private final Cipher cipher;
    private volatile Keyring keyring;

    /**
     * @param cluster   the cluster's name, bound into every packet
     * @param keyring   the keys
     * @param window    the replay window, ms either side of our clock
     * @param nonces    the source of nonces: a {@link java.security.SecureRandom} in production
     * @param remembered nonces remembered at most
     */
    public AesGcmEnvelopeV1(String cluster, Keyring keyring, long window, RandomGenerator nonces, int remembered) {
        if (cluster.isEmpty()) {
            throw new IllegalArgumentException("cluster: a name is needed");
        }
        this.cluster = cluster.getBytes(StandardCharsets.UTF_8);
        this.clusterTag = Arrays.copyOf(Keyring.sha256(("wren-cluster:" + cluster).getBytes(StandardCharsets.UTF_8)), 4);
        this.keyring = keyring;
        this.nonces = nonces;
        this.replay = new ReplayGuard(window, remembered);
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has AES/GCM", e);
        }
    }

    /** Replaces the keyring (rotation); the replay memory stays. */
    public void keyring(Keyring k) {
        keyring = k;
    }

    public Keyring keyring() {
        return keyring;
    }

    public byte[] seal(byte[] payload, long nowMillis) {
        if (payload.length + OVERHEAD > MAX_PACKET) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit a packet");
        }
        Keyring k = keyring;
        byte[] out = new byte[payload.length + OVERHEAD];
        out[0] = MAGIC;
        out[1] = VERSION;
        out[2] = k.primaryId();
        System.arraycopy(clusterTag, 0, out, 3, 4);
        for (int i = 7; i < HEADER; i += 4) {
            int r = nonces.nextInt();
            out[i] = (byte) (r >>> 24);
            out[i + 1] = (byte) (r >>> 16);
            out[i + 2] = (byte) (r >>> 8);
            out[i + 3] = (byte) r;
        }
        byte[] plain = new byte[8 + payload.length];
        for (int i = 0; i < 8; i++) {
            plain[i] = (byte) (nowMillis >>> (56 - 8 * i));
        }
        System.arraycopy(payload, 0, plain, 8, payload.length);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, k.primary(), new GCMParameterSpec(TAG_BYTES * 8, out, 7, 12));
            cipher.updateAAD(out, 0, HEADER);
            cipher.updateAAD(cluster);
            cipher.doFinal(plain, 0, plain.length, out, HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
        return out;
    }

    public byte[] open(byte[] p, long nowMillis) throws DroppedException {
        if (p.length > MAX_PACKET) {
            throw new DroppedException(Drop.OVERSIZED, p.length + " bytes");
        }
        if (p.length < OVERHEAD) {
            throw new DroppedException(Drop.TRUNCATED, p.length + " bytes");
        }
        if (p[0] != MAGIC || p[1] != VERSION) {
            throw new DroppedException(Drop.MALFORMED, "not a Wren gossip packet");
        }
        if (!Arrays.equals(p, 3, 7, clusterTag, 0, 4)) {
            throw new DroppedException(Drop.WRONG_CLUSTER, "cluster tag");
        }
        List<SecretKeySpec> keys = keyring.withId(p[2]);
        if (keys.isEmpty()) {
            throw new DroppedException(Drop.UNKNOWN_KEY, "key id " + (p[2] & 0xFF));
        }
        byte[] plain = null;
        for (SecretKeySpec key : keys) {
            plain = decrypt(p, key);
            if (plain != null) {
                break;
            }
        }
        if (plain == null) {
            throw new DroppedException(Drop.BAD_AUTH, "tag");
        }
        long ts = 0;
        for (int i = 0; i < 8; i++) {
            ts = ts << 8 | (plain[i] & 0xFF);
        }
        Object accepted = replay.check(p, 7, ts, nowMillis);
        replay.remember(accepted, nowMillis);
        return Arrays.copyOfRange(plain, 8, plain.length);
    }

    private byte[] decrypt(byte[] p, SecretKeySpec key) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, p, 7, 12));
            cipher.updateAAD(p, 0, HEADER);
            cipher.updateAAD(cluster);
            return cipher.doFinal(p, HEADER, p.length - HEADER);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    /** @return nonces currently remembered */
    public int remembered() {
        return replay.size();
    }
}
