package dev.wren.gossip.internal.channel;

import java.util.concurrent.atomic.AtomicLong;

import dev.wren.peer.PeerChannel;

/** What went over the channel with one member; see {@link PeerChannel.Link}. */
final class LinkCounters {

    final AtomicLong callsOut = new AtomicLong();
    final AtomicLong callsIn = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();
    final AtomicLong bytesIn = new AtomicLong();

    PeerChannel.Link snapshot(String member, boolean connected) {
        return new PeerChannel.Link(member, callsOut.get(), callsIn.get(), failures.get(), bytesOut.get(), bytesIn.get(),
                connected);
    }
}
