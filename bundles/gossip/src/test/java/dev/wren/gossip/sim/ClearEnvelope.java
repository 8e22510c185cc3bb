package dev.wren.gossip.sim;

import java.util.Arrays;

import dev.wren.gossip.internal.crypto.Envelope;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;

/**
 * The simulator's stand-in for AES-GCM, for speed on large clusters: packets have exactly the size
 * sealed ones have (same header, timestamp and a zero tag) but are neither encrypted nor
 * authenticated, and there is no replay check. Everything above the envelope is the same code.
 */
public final class ClearEnvelope implements Envelope {

    @Override
    public byte[] seal(byte[] payload, long nowMillis) {
        if (payload.length + OVERHEAD > MAX_PACKET) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit a packet");
        }
        byte[] out = new byte[payload.length + OVERHEAD];
        out[0] = 0x57;
        out[1] = 1;
        System.arraycopy(payload, 0, out, 27, payload.length);
        return out;
    }

    @Override
    public byte[] open(byte[] p, long nowMillis) throws DroppedException {
        if (p.length > MAX_PACKET) {
            throw new DroppedException(Drop.OVERSIZED, p.length + " bytes");
        }
        if (p.length < OVERHEAD) {
            throw new DroppedException(Drop.TRUNCATED, p.length + " bytes");
        }
        if (p[0] != 0x57 || p[1] != 1) {
            throw new DroppedException(Drop.MALFORMED, "header");
        }
        return Arrays.copyOfRange(p, 27, p.length - 16);
    }
}
