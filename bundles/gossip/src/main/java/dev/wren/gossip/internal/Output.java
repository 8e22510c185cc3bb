package dev.wren.gossip.internal;

import java.util.List;

import dev.wren.peer.Member;

/**
 * Where a {@link Node} puts what it decides: packets to send and changes to announce. Called on the
 * thread that drives the node, from within {@code receive}, {@code tick} and the other inputs; an
 * implementation must not call back into the node.
 */
public interface Output {

    /** Sends one sealed packet, at most 1200 bytes, to {@code host:port}; best effort, never blocks. */
    void send(String address, byte[] packet);

    /**
     * A member changed: {@code topic} is one of the {@code dev.wren.peer.PeerDirectory.TOPIC_*};
     * {@code keys} the state keys written or removed for state changes, else empty.
     */
    void event(String topic, Member member, List<String> keys);
}
