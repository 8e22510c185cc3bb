package dev.wren.inference.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.wren.peer.Backoff;
import dev.wren.peer.Member;
import dev.wren.peer.PeerChannel;
import dev.wren.power.PowerMode;

/**
 * Which peer takes this gateway's feature vectors, by what each member says in its gossip state: a
 * present member in {@code mode=FULL} with a peer channel, serving the trigger model
 * ({@code models} holds {@code name@version}), least loaded first ({@code load}, the 1-minute load
 * average per core), then by id. A member whose call failed is left alone for 2 s, doubling to a
 * minute while it keeps failing. Counts calls per peer for {@code wren:share}.
 */
final class PeerPick {

    static final long BACKOFF_MIN_MS = 2_000;
    static final long BACKOFF_MAX_MS = 60_000;

    /** One peer's calls from here. */
    static final class Counters {
        final LongAdder sent = new LongAdder();
        final LongAdder answered = new LongAdder();
        final LongAdder failed = new LongAdder();
        volatile String lastFailure = "";
    }

    private final Map<String, Counters> peers = new ConcurrentHashMap<>();
    private final Backoff backoff = new Backoff(BACKOFF_MIN_MS, BACKOFF_MAX_MS);

    /** @return the member to send to now, if any */
    Optional<String> choose(String self, List<Member> members, String trigger, long now) {
        return members.stream()
                .filter(m -> m.present() && !m.id().equals(self))
                .filter(m -> PowerMode.FULL.name().equals(m.state().get("mode")))
                .filter(m -> m.state().containsKey(PeerChannel.STATE_KEY))
                .filter(m -> serves(m.state().get("models"), trigger))
                .filter(m -> backoff.left(m.id(), now) == 0)
                .min(Comparator.comparingDouble(PeerPick::load).thenComparing(Member::id))
                .map(Member::id);
    }

    static boolean serves(String models, String name) {
        return models != null && Arrays.stream(models.split(",")).anyMatch(m -> m.startsWith(name + "@"));
    }

    private static double load(Member m) {
        try {
            return Double.parseDouble(m.state().getOrDefault("load", "0"));
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    Counters counters(String peer) {
        return peers.computeIfAbsent(peer, p -> new Counters());
    }

    void answered(String peer) {
        Counters c = counters(peer);
        c.answered.increment();
        backoff.succeeded(peer);
    }

    /** @return the pause before the peer is tried again, in ms */
    long failed(String peer, String why, long now) {
        Counters c = counters(peer);
        c.failed.increment();
        c.lastFailure = why;
        return backoff.failed(peer, now);
    }

    /** @return the ms {@code peer} is still left alone, 0 when it may be asked */
    long left(String peer, long now) {
        return backoff.left(peer, now);
    }

    Map<String, Counters> peers() {
        return peers;
    }
}
