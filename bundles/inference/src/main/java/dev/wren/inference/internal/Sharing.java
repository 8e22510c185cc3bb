package dev.wren.inference.internal;

import java.util.concurrent.CompletableFuture;

import dev.wren.power.PowerMode;

/**
 * Where a lane's feature vectors may go instead of through its own models: a peer of the site that
 * runs them ({@link WorkSharing}). The lane still computes the features, keeps the decision
 * (debounce, hysteresis) and falls back to its own trigger when no answer comes.
 */
interface Sharing {

    /**
     * A peer's answer.
     *
     * @param roundTripNanos from the call to the answer, on this gateway's clock
     */
    record Served(String peer, ShareWire.Answer answer, long roundTripNanos) {
    }

    /** @return whether this analysis window's features should go to a peer: by power mode and how late it is */
    boolean wanted(String sensor, PowerMode mode, long captureNanos);

    /**
     * @return the answer to come, completing (also exceptionally, after at most the configured
     *         timeout) on a thread of the sharing's own, never the caller's; null when no peer takes
     *         work now
     */
    CompletableFuture<Served> send(ShareWire.Request request);
}
