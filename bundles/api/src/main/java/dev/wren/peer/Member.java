package dev.wren.peer;

import java.util.Map;
import java.util.Objects;

/**
 * One gateway of the cluster as this gateway last saw it: an immutable snapshot.
 *
 * @param id           the node id: unique in the cluster, stable across restarts of the gateway,
 *                     1 to 64 UTF-8 bytes
 * @param address      where it listens, {@code host:port}
 * @param status       its status in this gateway's view
 * @param incarnation  its SWIM incarnation: only the member itself increments it, to refute a
 *                     suspicion; a higher incarnation wins over anything said about a lower one
 * @param state        its key/value state as last seen here, written only by the member itself
 *                     (unmodifiable, never null, possibly empty; deleted keys are absent)
 * @param stateVersion the highest version of its state seen here: the owner increments it on every
 *                     write (and deletion); it starts again from 1 when the member restarts
 */
public record Member(String id, String address, Status status, long incarnation,
        Map<String, String> state, long stateVersion) {

    /** A member's status. */
    public enum Status {
        /** Answers probes (directly or through others). */
        ALIVE,
        /** Missed its probes; declared {@link #DEAD} unless it refutes within the suspicion timeout. */
        SUSPECT,
        /** Did not refute its suspicion in time; remembered for a while, then forgotten. */
        DEAD,
        /** Said goodbye (the gateway was stopped on purpose). */
        LEFT
    }

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        state = Map.copyOf(state);
    }

    /** @return whether the member counts as present: {@link Status#ALIVE} or {@link Status#SUSPECT} */
    public boolean present() {
        return status == Status.ALIVE || status == Status.SUSPECT;
    }
}
