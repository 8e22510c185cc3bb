package dev.wren.sampling;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The thread of its own and the bounded queue a sink is called from once it proved too slow to be
 * called on the sampler's threads.
 *
 * <p>Deliveries run one at a time, in the order {@link #offer offered}; a delivery offered while
 * {@value #CAPACITY} wait is refused, and the caller counts it as dropped. A delivery must catch what the
 * sink throws; anything that still escapes is ignored, so the thread only ends at {@link #close}. The
 * thread is a daemon: a sink that never returns holds it, never the sampler or the JVM.
 */
final class SinkLane implements AutoCloseable {

    /** Most deliveries waiting for one sink. */
    static final int CAPACITY = 64;

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the thread, named {@code wren-sink-<name>}. */
    SinkLane(String name) {
        thread = new Thread(this::run, "wren-sink-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether the delivery was queued; false when the queue is full or the lane closed */
    boolean offer(Runnable delivery) {
        return !closed && queue.offer(delivery);
    }

    /** @return the deliveries waiting now */
    int queued() {
        return queue.size();
    }

    private void run() {
        while (!closed) {
            Runnable delivery;
            try {
                delivery = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                delivery.run();
            } catch (Throwable t) {
                // the delivery counted it already; the lane goes on
            }
        }
    }

    /** Drops what waits and ends the thread (interrupting the sink if it is in a call). */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        thread.interrupt();
    }
}
