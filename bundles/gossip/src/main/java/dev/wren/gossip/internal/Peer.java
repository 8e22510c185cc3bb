package dev.wren.gossip.internal;

import dev.wren.gossip.internal.wire.DigestEntry;
import dev.wren.gossip.internal.wire.Update.MemberUpdate;
import dev.wren.peer.Member;
import dev.wren.peer.Member.Status;

/** A member as this node tracks it: mutable, touched only by the node's thread. */
final class Peer {

    final String id;
    String address;
    Status status = Status.ALIVE;
    long incarnation;
    /** When the status last changed, node clock. */
    long since;
    final PeerState state;
    Suspicion suspicion;
    /** Forgotten (reaped): still in the probe list until it is reshuffled. */
    boolean removed;

    Peer(String id, String address, long incarnation, long generation, long now) {
        this.id = id;
        this.address = address;
        this.incarnation = incarnation;
        this.since = now;
        this.state = new PeerState(generation);
    }

    boolean present() {
        return status == Status.ALIVE || status == Status.SUSPECT;
    }

    /** ALIVE < SUSPECT < DEAD < LEFT at the same incarnation (the member's own word wins). */
    static int rank(Status s) {
        return s.ordinal();
    }

    /** @return whether our view of the membership is newer than {@code e}'s */
    boolean newerThan(DigestEntry e) {
        return e.status() == null || incarnation > e.incarnation()
                || incarnation == e.incarnation() && rank(status) > rank(e.status());
    }

    /** @return whether {@code e}'s view of the membership is newer than ours */
    boolean olderThan(DigestEntry e) {
        return e.status() != null && (e.incarnation() > incarnation
                || e.incarnation() == incarnation && rank(e.status()) > rank(status));
    }

    MemberUpdate update(String from) {
        return new MemberUpdate(id, address, status, incarnation, status == Status.ALIVE ? "" : from);
    }

    DigestEntry digest() {
        return new DigestEntry(id, status, incarnation, state.generation, state.watermark);
    }

    Member snapshot() {
        return new Member(id, address, status, incarnation, state.live(), state.maxVersion);
    }
}
