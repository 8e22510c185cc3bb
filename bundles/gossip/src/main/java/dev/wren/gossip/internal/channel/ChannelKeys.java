package dev.wren.gossip.internal.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The channel's TLS pre-shared keys, one per cluster key: HKDF-SHA256 of the cluster key with the
 * salt {@value #SALT} and the cluster's name as info, so that the channel never uses a gossip key
 * as it is and two clusters never share a channel key. A key's identity (what the client names in
 * its hello, in clear) is a hash of the derived key, never the key.
 */
final class ChannelKeys {

    static final String SALT = "wren peer channel v1";

    /** One derived key and its public identity. */
    record Psk(byte[] identity, byte[] key) {
    }

    private ChannelKeys() {
    }

    /** @param clusterKeys the cluster's keys, the primary first: the client offers them in this order */
    static List<Psk> derive(List<byte[]> clusterKeys, String cluster) {
        List<Psk> out = new ArrayList<>();
        for (byte[] k : clusterKeys) {
            byte[] key = hkdf(k, SALT.getBytes(StandardCharsets.US_ASCII), cluster.getBytes(StandardCharsets.UTF_8));
            byte[] tag = hkdf(key, SALT.getBytes(StandardCharsets.US_ASCII), "identity".getBytes(StandardCharsets.US_ASCII));
            out.add(new Psk(("wren-" + HexFormat.of().formatHex(tag, 0, 8)).getBytes(StandardCharsets.US_ASCII), key));
        }
        return List.copyOf(out);
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[32];
        g.generateBytes(out, 0, out.length);
        return out;
    }
}
