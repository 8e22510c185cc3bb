package dev.wren.uplink.internal.relay;

import java.util.concurrent.atomic.AtomicLong;

/** What was relayed with one peer, both ways, since the relay started. */
final class PeerCounters {

    /** Messages this gateway handed over to the peer and the peer stored. */
    final AtomicLong handedOver = new AtomicLong();
    /** Their payload bytes. */
    final AtomicLong bytesOut = new AtomicLong();
    /** Messages the peer handed over here and this gateway stored. */
    final AtomicLong takenIn = new AtomicLong();
    /** Calls to the peer that failed or stored nothing. */
    final AtomicLong failures = new AtomicLong();
    /** Calls from the peer refused here. */
    final AtomicLong refused = new AtomicLong();
    volatile String lastProblem = "";

    @Override
    public String toString() {
        return "handed over " + handedOver + " (" + bytesOut + " B), taken in " + takenIn + ", failed calls " + failures
                + ", refused " + refused + (lastProblem.isEmpty() ? "" : "; last problem: " + lastProblem);
    }
}
