package dev.wren.store.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;

/**
 * One round's transaction: the acknowledged rows deleted, the expired ones swept, the puts
 * inserted (evicting for room within the limits, capped by the {@link Pressure} on a full disk),
 * the gap notices inserted, the highest id handed out (table {@code meta}, only in rounds that
 * delete: until a row is deleted the highest id in the table is the highest handed out, so
 * recovery takes the larger of the two and an insert costs no second row write) and the ranges
 * deleted without delivery (table {@code gone}). After the commit the {@link Bookkeeping}, the
 * {@link Ledger} and the producers learn the outcome; after a failure everything is undone and
 * the acknowledgements go back to the ledger for the next round. Writer thread only.
 */
final class GroupCommit {

    private final Ledger ledger;
    private volatile OutboxLimits limits;
    private final IdCeiling ids;
    private final Pressure pressure;
    private final Statements sql;
    private final Victims victims;
    private final Expiry expiry;
    private final Bookkeeping books;

    GroupCommit(Ledger ledger, OutboxLimits limits, IdCeiling ids, Pressure pressure, Statements sql,
            Victims victims, Expiry expiry, Bookkeeping books) {
        this.ledger = ledger;
        this.limits = limits;
        this.ids = ids;
        this.pressure = pressure;
        this.sql = sql;
        this.victims = victims;
        this.expiry = expiry;
        this.books = books;
    }

    /** New bounds, from the next round on. */
    void limits(OutboxLimits l) {
        limits = l;
    }

    /** One transaction; @return null when it committed, else what failed (everything undone) */
    Exception attempt(List<Put> group, List<Lease> deletes, Set<Long> expiredDeletes, boolean sweep,
            boolean report, long now) {
        List<Lease> picked = new ArrayList<>();
        int expiredPicked = 0;
        long[] assigned = new long[group.size()];
        OutboxException[] refused = new OutboxException[group.size()];
        long first = books.nextId;
        long next = books.nextId;
        List<byte[]> notices = report ? books.gaps.payloads() : List.of();
        int noticeBytes = 0;
        long noticeFirst = 0;
        Gaps round = new Gaps();
        RangeSet deleting = new RangeSet();
        try {
            sql.connection();
            sql.delete(deletes);
            if (sweep) {
                expiredPicked = expiry.sweep(now, picked);
            }
            long stagedCount;
            long stagedBytes;
            ledger.lock.lock();
            try {
                stagedCount = ledger.boundedCount();
                stagedBytes = ledger.boundedBytes();
            } finally {
                ledger.lock.unlock();
            }
            ids.reserve(next, group.size() + notices.size());
            int accepted = 0;
            OutboxLimits limits = this.limits;
            long maxCount = pressure.capCount(limits.maxCount());
            long maxBytes = pressure.capBytes(limits.maxBytes());
            for (int i = 0; i < group.size(); i++) {
                Message m = group.get(i).message;
                int size = m.payload().length;
                while (stagedCount + 1 > maxCount || stagedBytes + size > maxBytes) {
                    Lease v = limits.evict() ? victims.victim(m.priority()) : null;
                    if (v == null) {
                        refused[i] = full(limits, m, stagedCount, stagedBytes, pressure.active());
                        break;
                    }
                    picked.add(v);
                    stagedCount--;
                    stagedBytes -= v.size();
                }
                if (refused[i] == null) {
                    assigned[i] = next++;
                    stagedCount++;
                    stagedBytes += size;
                    accepted++;
                }
            }
            sql.insert(group, assigned, refused, accepted);
            for (int i = 0; i < group.size(); i++) {
                if (refused[i] == null && group.get(i).message.origin() != null) {
                    round.relayed.add(assigned[i]);
                }
            }
            noticeFirst = next;
            for (byte[] n : notices) {
                sql.insertNotice(next++, now, n);
                noticeBytes += n.length;
            }
            if (!deletes.isEmpty() || !picked.isEmpty()) {
                sql.updateHigh(next - 1);
            }
            for (int i = 0; i < picked.size(); i++) {
                round.of(i < expiredPicked ? Gaps.EXPIRED : Gaps.EVICTED).add(picked.get(i).id());
                deleting.add(picked.get(i).id());
            }
            for (Lease d : deletes) {
                deleting.add(d.id());
                if (expiredDeletes.contains(d.id())) {
                    round.expired.add(d.id());
                }
            }
            if (report) {
                sql.clearGone(); // what the notices above report, and not this round's gaps: those are recorded next
            }
            sql.recordGone(round);
            books.deleting(deleting);
            sql.commit();
        } catch (SQLException | IOException e) {
            sql.rollback();
            undo(deletes, expiredDeletes, picked);
            return e;
        }
        books.committed(first, next, deleting, report, now, round);
        applyCommitted(group, deletes, picked, expiredPicked, assigned, refused);
        if (!notices.isEmpty()) {
            noticesCommitted(noticeFirst, notices.size(), noticeBytes);
        }
        for (int i = 0; i < group.size(); i++) {
            if (refused[i] != null) {
                group.get(i).failed(refused[i]);
            } else {
                group.get(i).stored(assigned[i]);
            }
        }
        return null;
    }

    private void applyCommitted(List<Put> group, List<Lease> deletes, List<Lease> picked,
            int expiredPicked, long[] assigned, OutboxException[] refused) {
        ledger.lock.lock();
        try {
            for (Lease d : deletes) {
                ledger.deleting.remove(d.id());
            }
            for (int i = 0; i < picked.size(); i++) {
                Lease v = picked.get(i);
                ledger.deleting.remove(v.id());
                ledger.held(v.prio(), -1, -v.size());
                if (i < expiredPicked) {
                    ledger.expired++;
                } else {
                    ledger.evicted++;
                }
            }
            boolean added = false;
            for (int i = 0; i < group.size(); i++) {
                if (refused[i] != null) {
                    ledger.rejected++;
                    continue;
                }
                Put put = group.get(i);
                Message m = put.message;
                ledger.held(m.priority(), 1, m.payload().length);
                if (m.ttlMillis() > 0) {
                    ledger.earliestExpiry = Math.min(ledger.earliestExpiry, put.created + m.ttlMillis());
                }
                ledger.takeable[m.priority()]++;
                ledger.committedHigh = assigned[i];
                ledger.accepted++;
                added = true;
            }
            if (added) {
                ledger.commits++;
                ledger.available.signalAll();
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    private void noticesCommitted(long first, int n, long bytes) {
        ledger.lock.lock();
        try {
            ledger.held(Message.HIGHEST, n, bytes);
            ledger.takeable[Message.HIGHEST] += n;
            ledger.committedHigh = Math.max(ledger.committedHigh, first + n - 1);
            ledger.noticeBytes += bytes;
            for (long id = first; id < first + n; id++) {
                ledger.notices.add(id);
            }
            ledger.available.signalAll();
        } finally {
            ledger.lock.unlock();
        }
    }

    private void undo(List<Lease> deletes, Set<Long> expiredDeletes, List<Lease> picked) {
        ledger.lock.lock();
        try {
            ledger.toDelete.addAll(deletes);
            ledger.expiredOnTake.addAll(expiredDeletes);
            for (Lease v : picked) {
                ledger.deleting.remove(v.id());
                ledger.takeable[v.prio()]++;
            }
        } finally {
            ledger.lock.unlock();
        }
        victims.clear();
    }

    private static OutboxException full(OutboxLimits limits, Message m, long count, long bytes, boolean disk) {
        String room = disk ? "the disk is full, " + count + " messages held"
                : count + " of " + limits.maxCount() + " messages, " + bytes + " of " + limits.maxBytes() + " bytes";
        return new OutboxException(Reason.FULL, limits.evict()
                ? "outbox full (" + room + ") and nothing less urgent than priority "
                        + m.priority() + " to evict"
                : "outbox full (" + room + "), policy is reject");
    }
}
