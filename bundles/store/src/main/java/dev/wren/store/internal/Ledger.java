package dev.wren.store.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.wren.store.Message;
import dev.wren.store.OutboxStats;

/**
 * What the outbox knows in memory, under one lock: per priority how many messages and bytes it
 * holds (logically: an acknowledged or expired message leaves at once, its row a moment later),
 * how many of them {@code take} may still return and from which id on, the messages in flight,
 * the rows waiting to be deleted, the producers waiting for a commit, and the counters.
 */
final class Ledger {

    static final int PRIORITIES = Message.LOWEST + 1;
    /** Acknowledgements that wake the writer before its next tick. */
    static final int ACK_FLUSH = 512;

    final ReentrantLock lock = new ReentrantLock();
    /** The writer waits on it for puts and acknowledgements. */
    final Condition work = lock.newCondition();
    /** {@code take} waits on it for new or released messages. */
    final Condition available = lock.newCondition();

    final long[] count = new long[PRIORITIES];
    final long[] bytes = new long[PRIORITIES];
    /** Held and neither in flight nor being deleted: what take can return. */
    final long[] takeable = new long[PRIORITIES];
    /** take's position per priority: every takeable message of the priority has a higher id. */
    final long[] cursor = new long[PRIORITIES];
    final HashMap<Long, Lease> inFlight = new HashMap<>();
    final HashSet<Long> released = new HashSet<>();
    /** Rows to delete (acknowledged, or expired when take met them), and evicted rows. */
    final HashSet<Long> deleting = new HashSet<>();
    final ArrayList<Lease> toDelete = new ArrayList<>();
    /** The ids of {@link #toDelete} that take found expired (the rest were acknowledged). */
    final HashSet<Long> expiredOnTake = new HashSet<>();
    /**
     * Gap reports held (life-cycle messages the outbox wrote itself): held like any message but not
     * counted against the bounds, so a full outbox can always say what it evicted.
     */
    final HashSet<Long> notices = new HashSet<>();
    long noticeBytes;
    /** Work for the writer's thread between rounds (salvage). */
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    final ArrayDeque<Put> puts = new ArrayDeque<>();

    long committedHigh;
    /** No message with a time to live expires before this (ms since the epoch); 0: unknown. */
    long earliestExpiry;
    /** Counts releases, so a take that read before one does not move the cursor past it. */
    long releaseEpoch;
    boolean closed;
    long accepted;
    long rejected;
    long delivered;
    long evicted;
    long expired;
    long resent;
    /** Transactions the writer committed with at least one put: accepted / commits is the group size. */
    long commits;

    void held(int prio, int n, long size) {
        count[prio] += n;
        bytes[prio] += size;
    }

    /** @return messages held that count against the bounds */
    long boundedCount() {
        return totalCount() - notices.size();
    }

    long boundedBytes() {
        return totalBytes() - noticeBytes;
    }

    long totalCount() {
        return java.util.Arrays.stream(count).sum();
    }

    long totalBytes() {
        return java.util.Arrays.stream(bytes).sum();
    }

    /** Under the lock: a message take returned. */
    void lease(Lease l) {
        inFlight.put(l.id(), l);
        takeable[l.prio()]--;
        if (released.remove(l.id())) {
            resent++;
        }
    }

    /** Under the lock: a row take met after its time to live; it goes with the next deletes. */
    void expiredOnTake(Lease l) {
        takeable[l.prio()]--;
        gone(l);
        expiredOnTake.add(l.id());
        expired++;
    }

    void acknowledge(long id) {
        lock.lock();
        try {
            Lease l = inFlight.remove(id);
            if (l == null) {
                return;
            }
            gone(l);
            delivered++;
            if (toDelete.size() >= ACK_FLUSH) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    void release(long id) {
        lock.lock();
        try {
            Lease l = inFlight.remove(id);
            if (l == null) {
                return;
            }
            releaseEpoch++;
            takeable[l.prio()]++;
            cursor[l.prio()] = Math.min(cursor[l.prio()], id - 1);
            released.add(id);
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void gone(Lease l) {
        if (notices.remove(l.id())) {
            noticeBytes -= l.size();
        }
        count[l.prio()]--;
        bytes[l.prio()] -= l.size();
        released.remove(l.id());
        deleting.add(l.id());
        toDelete.add(l);
    }

    /** Under the lock: waits for takeable messages; @return false when the wait timed out */
    boolean awaitTakeable(long deadline) throws InterruptedException {
        while (!closed && !anyTakeable()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            available.awaitNanos(left);
        }
        return true;
    }

    boolean anyTakeable() {
        for (long t : takeable) {
            if (t > 0) {
                return true;
            }
        }
        return false;
    }

    /** Under the lock: the writer's wait for work, at most one tick. */
    void awaitWork(long tickMillis) throws InterruptedException {
        if (puts.isEmpty() && tasks.isEmpty() && toDelete.size() < ACK_FLUSH && !closed) {
            work.await(tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    List<Lease> inFlightLeases() {
        return new ArrayList<>(inFlight.values());
    }

    OutboxStats stats() {
        lock.lock();
        try {
            return new OutboxStats(totalCount(), totalBytes(), inFlight.size(), accepted, rejected,
                    delivered, evicted, expired, resent);
        } finally {
            lock.unlock();
        }
    }
}
