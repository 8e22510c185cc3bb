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
 * AES-GCM packets under the cluster's {@link Keyring}.
 *
 * <pre>
 * 0      'W' (0x57)
 * 1      wire version 2 (version 1 had no route: refused as {@link Drop#WRONG_VERSION})
 * 2      key id (first byte of the key's SHA-256)
 * 3..6   cluster tag (first 4 bytes of SHA-256 of "wren-cluster:" + name)
 * 7..10  receiver tag ({@link Route#tag}: 0 = anyone, a first contact)
 * 11..14 receiver epoch, as the sender knows it (0 = not known)
 * 15..18 sender epoch
 * 19..30 nonce, 12 random bytes
 * 31..   AES-GCM ciphertext of (sender timestamp, 8 bytes big-endian ms, then the payload), 128-bit tag
 * </pre>
 *
 * Integers are big-endian. The associated data is bytes 0..30, the cluster name in UTF-8, a zero
 * byte and the receiver's id in UTF-8 (nothing for anyone), so neither the header, the cluster nor
 * the receiver can be changed without failing the tag: a packet re-routed to another member fails
 * even if the 4-byte tags collide. The tags in the clear only make another cluster's packets, and
 * another member's, cheap to tell apart and count. Checks in order, each with its own
 * {@link Drop}: size, version, header, cluster, receiver, key id, tag, timestamp window, nonce
 * replay; a nonce is remembered only once the packet has passed all of them. The epochs are
 * returned, not judged: see {@code Lives}.
 */
public final class AesGcmEnvelope implements Envelope {

    static final int HEADER = 31;
    static final int NONCE = 19;
    static final int TAG_BYTES = 16;
    private static final byte MAGIC = 0x57;
    /** The wire version: 2 since the route is sealed into every packet. */
    public static final byte VERSION = 2;

    private final byte[] cluster;
    private final byte[] clusterTag;
    private final RandomGenerator nonces;
    private final ReplayGuard replay;
    private final Cipher cipher;
    private static final byte[] ZERO = {0};
    private static final byte[] NONE = {};
    private volatile Keyring keyring;
    private String self = "";
    private byte[] selfBytes = new byte[0];
    private int selfTag;

    /**
     * @param cluster   the cluster's name, bound into every packet
     * @param keyring   the keys
     * @param window    the replay window, ms either side of our clock
     * @param nonces    the source of nonces: a {@link java.security.SecureRandom} in production
     * @param remembered nonces remembered at most
     */
    public AesGcmEnvelope(String cluster, Keyring keyring, long window, RandomGenerator nonces, int remembered) {
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

    @Override
    public byte[] seal(byte[] payload, Route route, long nowMillis) {
        if (payload.length + OVERHEAD > MAX_PACKET) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit a packet");
        }
        Keyring k = keyring;
        byte[] out = new byte[payload.length + OVERHEAD];
        out[0] = MAGIC;
        out[1] = VERSION;
        out[2] = k.primaryId();
        System.arraycopy(clusterTag, 0, out, 3, 4);
        int32(out, 7, Route.tag(route.to()));
        int32(out, 11, (int) route.toEpoch());
        int32(out, 15, (int) route.fromEpoch());
        for (int i = NONCE; i < HEADER; i += 4) {
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
            cipher.init(Cipher.ENCRYPT_MODE, k.primary(), new GCMParameterSpec(TAG_BYTES * 8, out, NONCE, 12));
            cipher.updateAAD(out, 0, HEADER);
            cipher.updateAAD(cluster);
            cipher.updateAAD(ZERO);
            cipher.updateAAD(route.to().getBytes(StandardCharsets.UTF_8));
            cipher.doFinal(plain, 0, plain.length, out, HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
        return out;
    }

    @Override
    public Opened open(byte[] p, String me, long nowMillis) throws DroppedException {
        if (p.length > MAX_PACKET) {
            throw new DroppedException(Drop.OVERSIZED, p.length + " bytes");
        }
        if (p.length >= 2 && p[0] == MAGIC && p[1] != VERSION) {
            throw new DroppedException(Drop.WRONG_VERSION, "wire version " + (p[1] & 0xFF) + ", this gateway speaks "
                    + VERSION);
        }
        if (p.length < OVERHEAD) {
            throw new DroppedException(Drop.TRUNCATED, p.length + " bytes");
        }
        if (p[0] != MAGIC) {
            throw new DroppedException(Drop.MALFORMED, "not a Wren gossip packet");
        }
        if (!Arrays.equals(p, 3, 7, clusterTag, 0, 4)) {
            throw new DroppedException(Drop.WRONG_CLUSTER, "cluster tag");
        }
        if (!me.equals(self)) {
            self = me;
            selfBytes = me.getBytes(StandardCharsets.UTF_8);
            selfTag = Route.tag(me);
        }
        int to = int32(p, 7);
        if (to != 0 && to != selfTag) {
            throw new DroppedException(Drop.MISROUTED, "sealed for another member");
        }
        List<SecretKeySpec> keys = keyring.withId(p[2]);
        if (keys.isEmpty()) {
            throw new DroppedException(Drop.UNKNOWN_KEY, "key id " + (p[2] & 0xFF));
        }
        byte[] plain = null;
        for (SecretKeySpec key : keys) {
            plain = decrypt(p, key, to == 0 ? NONE : selfBytes);
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
        Object accepted = replay.check(p, NONCE, ts, nowMillis);
        replay.remember(accepted, nowMillis);
        return new Opened(Arrays.copyOfRange(plain, 8, plain.length), ts, int32(p, 15) & 0xFFFF_FFFFL, to == 0,
                int32(p, 11) & 0xFFFF_FFFFL);
    }

    private byte[] decrypt(byte[] p, SecretKeySpec key, byte[] receiver) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, p, NONCE, 12));
            cipher.updateAAD(p, 0, HEADER);
            cipher.updateAAD(cluster);
            cipher.updateAAD(ZERO);
            cipher.updateAAD(receiver);
            return cipher.doFinal(p, HEADER, p.length - HEADER);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    static void int32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int int32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    /** @return nonces currently remembered */
    public int remembered() {
        return replay.size();
    }
}
