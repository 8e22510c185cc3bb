package dev.wren.gossip.internal.channel;

/**
 * A token bucket of bytes per second, one per member: {@link #take} sleeps until the bytes may go.
 * The bucket holds at most one second of bytes, so a burst after a quiet minute is one second long.
 * A rate of 0 never waits.
 */
final class Throttle {

    private final long bytesPerSecond;
    private double tokens;
    private long last;

    Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.last = System.nanoTime();
    }

    /** Waits (sleeping) until {@code bytes} fit the rate. */
    synchronized void take(int bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long now = System.nanoTime();
        tokens = Math.min(bytesPerSecond, tokens + (now - last) / 1e9 * bytesPerSecond);
        last = now;
        tokens -= bytes;
        if (tokens < 0) {
            long waitNanos = (long) (-tokens / bytesPerSecond * 1e9);
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
