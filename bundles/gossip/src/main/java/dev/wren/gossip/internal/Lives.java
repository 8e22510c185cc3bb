package dev.wren.gossip.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import dev.wren.gossip.internal.crypto.Opened;
import dev.wren.gossip.internal.crypto.Route;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.Message;
import dev.wren.gossip.internal.wire.Packet;

/**
 * Boot epochs: this gateway's (persisted by the shell, higher at every start) and the highest one
 * heard from each other member in an authentic packet. They close what the envelope's time window
 * and nonce memory leave open to a capture-and-replay attacker on the LAN:
 *
 * <ul>
 * <li>a packet sealed for an earlier life of this gateway (its receiver epoch is not ours) is
 * {@link Drop#STALE_RECEIVER}: the nonce memory that would have caught its replay died with that
 * life. A first contact, sealed before the sender knew our epoch (0), is accepted only if it was
 * sealed after this life began, by the sender's clock;</li>
 * <li>a packet sealed by an earlier life of its sender (an epoch below the highest we heard from
 * it) is {@link Drop#STALE_SENDER};</li>
 * <li>a first contact (sealed for anyone) may only be a digest without piggybacked updates
 * (otherwise {@link Drop#MISROUTED}): replayed to another member it earns at most one answer and
 * changes nothing.</li>
 * </ul>
 *
 * A member that sent us a packet for an earlier life of ours is told our epoch at once (a
 * "nudge": an empty gossip message, at most one per member per probe interval), so legitimate
 * traffic loses one packet per member after a restart.
 */
final class Lives {

    private static final class Known {
        long epoch;
        long heard;
        long nudged = Long.MIN_VALUE / 2; // never: now - nudged does not overflow
    }

    final long epoch;
    final long boot;
    private final Map<String, Known> others = new HashMap<>();

    /**
     * @param epoch this life's epoch, 1 to {@link Route#MAX_EPOCH}, higher than every earlier life's
     * @param boot  when this life began, node clock
     */
    Lives(long epoch, long boot) {
        if (epoch < 1 || epoch > Route.MAX_EPOCH) {
            throw new IllegalArgumentException("epoch: must be 1 to " + Route.MAX_EPOCH + ", was " + epoch);
        }
        this.epoch = epoch;
        this.boot = boot;
    }

    /** @return whether a packet sealed for {@code toEpoch} (0: not known) at {@code sentAt} is for this life */
    boolean forThisLife(long toEpoch, long sentAt) {
        return toEpoch == 0 ? sentAt >= boot : toEpoch == epoch;
    }

    /** @return why an opened, decoded packet is refused, null when it is accepted; learns the sender's epoch */
    Drop judge(Opened o, Packet p, long now) {
        Known k = others.get(p.sender());
        if (k != null && o.fromEpoch() < k.epoch) {
            return Drop.STALE_SENDER;
        }
        if (k == null) {
            k = new Known();
            others.put(p.sender(), k);
        }
        k.epoch = o.fromEpoch();
        if (!forThisLife(o.toEpoch(), o.sentAt())) {
            return Drop.STALE_RECEIVER;
        }
        if (o.toAnyone() && !(p.message() instanceof Message.Digest && p.updates().isEmpty())) {
            return Drop.MISROUTED;
        }
        k.heard = now;
        return null;
    }

    /** @return whether to tell {@code id} our epoch now (after a {@link Drop#STALE_RECEIVER}); notes it */
    boolean nudge(String id, long now, long every) {
        Known k = others.get(id);
        if (k == null || now - k.nudged < every) {
            return false;
        }
        k.nudged = now;
        return true;
    }

    /** @return the route to {@code id}, with its epoch when known; null id: anyone */
    Route route(String id) {
        if (id == null) {
            return Route.anyone(epoch);
        }
        Known k = others.get(id);
        return new Route(epoch, id, k == null ? 0 : k.epoch);
    }

    /** @return the highest epoch heard from {@code id}, 0 when none */
    long of(String id) {
        Known k = others.get(id);
        return k == null ? 0 : k.epoch;
    }

    /** Forgets the epochs of non-members not heard from within {@code window}: a replay is stale by then. */
    void sweep(Map<String, ?> members, long now, long window) {
        Iterator<Map.Entry<String, Known>> it = others.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Known> e = it.next();
            if (!members.containsKey(e.getKey()) && now - e.getValue().heard > window) {
                it.remove();
            }
        }
    }
}
