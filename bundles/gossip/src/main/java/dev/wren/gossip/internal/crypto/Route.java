package dev.wren.gossip.internal.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Whom a packet is for, sealed into it: the sender's boot epoch, the receiver's id and the
 * receiver's boot epoch as the sender knows it. A packet opens only at the member it names (or,
 * for a first contact, at anyone, under the restrictions the node applies), so a captured packet
 * cannot be re-routed to another member, and not replayed to a later life of its receiver.
 *
 * @param fromEpoch the sender's boot epoch, 1 to 2^32 - 1
 * @param to        the receiver's node id; empty: anyone (a first contact, whose id is not known)
 * @param toEpoch   the receiver's boot epoch as last heard from it; 0: not known yet
 */
public record Route(long fromEpoch, String to, long toEpoch) {

    /** The largest epoch: four bytes on the wire. */
    public static final long MAX_EPOCH = 0xFFFF_FFFFL;

    public Route {
        if (fromEpoch < 1 || fromEpoch > MAX_EPOCH || toEpoch < 0 || toEpoch > MAX_EPOCH) {
            throw new IllegalArgumentException("epochs: sender 1 to " + MAX_EPOCH + ", receiver 0 to " + MAX_EPOCH
                    + ", were " + fromEpoch + " and " + toEpoch);
        }
    }

    /** A first contact: the receiver's id and epoch are not known. */
    public static Route anyone(long fromEpoch) {
        return new Route(fromEpoch, "", 0);
    }

    public boolean toAnyone() {
        return to.isEmpty();
    }

    /**
     * @return the receiver's tag on the wire: FNV-1a over the id's UTF-8 bytes, never 0 for an id,
     *         0 for anyone. It only tells a misrouted packet from a forged one cheaply; the full id
     *         is in the authenticated data.
     */
    public static int tag(String id) {
        if (id.isEmpty()) {
            return 0;
        }
        int h = 0x811C9DC5;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return h == 0 ? 1 : h;
    }
}
