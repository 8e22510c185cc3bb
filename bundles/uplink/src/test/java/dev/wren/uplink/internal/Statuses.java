package dev.wren.uplink.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.wren.store.Stored;
import dev.wren.uplink.Uplink.State;

/** Records what an engine reports, for tests to wait on. */
final class Statuses implements Engine.Listener {

    private final List<Status> all = new ArrayList<>();
    private final List<Stored> dropped = new ArrayList<>();

    @Override
    public synchronized void status(Status status) {
        all.add(status);
        notifyAll();
    }

    @Override
    public synchronized void dropped(Stored message, String why) {
        dropped.add(message);
    }

    synchronized List<Status> all() {
        return List.copyOf(all);
    }

    synchronized Status last() {
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Waits for a report matching {@code p}, at or after report number {@code from}; @return it */
    synchronized Status await(int from, Predicate<Status> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int i = from;
        while (true) {
            for (; i < all.size(); i++) {
                if (p.test(all.get(i))) {
                    return all.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such status within " + timeout + "; reports: " + all);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    Status await(State state, Duration timeout) throws InterruptedException {
        return await(0, s -> s.state() == state, timeout);
    }

    synchronized int size() {
        return all.size();
    }
}
