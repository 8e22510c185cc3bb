package dev.wren.gossip.sim;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.wren.gossip.internal.crypto.Envelope;
import dev.wren.gossip.internal.crypto.Opened;
import dev.wren.gossip.internal.crypto.Route;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;

/**
 * The simulator's stand-in for AES-GCM, for speed on large clusters: packets have exactly the size
 * sealed ones have (same header and route, timestamp, a zero nonce and tag) and the receiver is
 * checked (a packet for another member is {@link Drop#MISROUTED}), but nothing is encrypted or
 * authenticated and there is no time window or nonce memory. The epochs travel, so the node's
 * judgement of them runs as with AES-GCM. Everything above the envelope is the same code.
 */
public final class ClearEnvelope implements Envelope {

    private static final int HEADER = 31;

    @Override
    public byte[] seal(byte[] payload, Route route, long nowMillis) {
        if (payload.length + OVERHEAD > MAX_PACKET) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit a packet");
        }
        byte[] out = new byte[payload.length + OVERHEAD];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put((byte) 0x57).put((byte) 2);
        b.putInt(7, Route.tag(route.to())).putInt(11, (int) route.toEpoch()).putInt(15, (int) route.fromEpoch());
        b.putLong(HEADER, nowMillis);
        System.arraycopy(payload, 0, out, HEADER + 8, payload.length);
        return out;
    }

    @Override
    public Opened open(byte[] p, String self, long nowMillis) throws DroppedException {
        if (p.length > MAX_PACKET) {
            throw new DroppedException(Drop.OVERSIZED, p.length + " bytes");
        }
        if (p.length < OVERHEAD) {
            throw new DroppedException(Drop.TRUNCATED, p.length + " bytes");
        }
        if (p[0] != 0x57 || p[1] != 2) {
            throw new DroppedException(Drop.MALFORMED, "header");
        }
        ByteBuffer b = ByteBuffer.wrap(p);
        int to = b.getInt(7);
        if (to != 0 && to != Route.tag(self)) {
            throw new DroppedException(Drop.MISROUTED, "sealed for another member");
        }
        return new Opened(Arrays.copyOfRange(p, HEADER + 8, p.length - 16), b.getLong(HEADER),
                b.getInt(15) & 0xFFFF_FFFFL, to == 0, b.getInt(11) & 0xFFFF_FFFFL);
    }
}
