package dev.wren.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;

/**
 * The outbox's only writer, one thread: each round it takes every waiting put (up to
 * {@value #MAX_GROUP}), the rows acknowledged since the last round and, every
 * {@value #SWEEP_MILLIS} ms, the expired rows, and writes them in one transaction, so one disk
 * flush serves all producers waiting at that moment (group commit). Evictions for room happen in
 * the same transaction as the inserts that need them. In-memory accounting changes only after
 * the commit; a failed transaction (disk full) fails that round's puts and changes nothing else.
 */
final class Writer implements Runnable {

    static final int MAX_GROUP = 256;
    static final long TICK_MILLIS = 100;
    static final long SWEEP_MILLIS = 5_000;
    private static final int VICTIM_BATCH = 64;

    private final Database db;
    private final Ledger ledger;
    private final OutboxLimits limits;
    private final IdCeiling ids;
    private final long[] ranges = new long[2 * ((Ledger.ACK_FLUSH * 4) + MAX_GROUP)];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Lease>[] victims = new ArrayDeque[Ledger.PRIORITIES];
    private final long[] victimCursor = new long[Ledger.PRIORITIES];
    private long nextId;
    private long nextSweep;
    private Connection conn;
    private PreparedStatement insert;
    private PreparedStatement deleteOne;
    private PreparedStatement deleteRange;
    private PreparedStatement selectVictims;
    private PreparedStatement selectExpired;

    Writer(Database db, Ledger ledger, OutboxLimits limits, IdCeiling ids, long nextId) {
        this.db = db;
        this.ledger = ledger;
        this.limits = limits;
        this.ids = ids;
        this.nextId = nextId;
        for (int p = 0; p < victims.length; p++) {
            victims[p] = new ArrayDeque<>();
        }
    }

    @Override
    public void run() {
        List<Put> group = new ArrayList<>(MAX_GROUP);
        List<Lease> deletes = new ArrayList<>();
        while (true) {
            ledger.lock.lock();
            try {
                ledger.awaitWork(TICK_MILLIS);
                if (ledger.closed && ledger.puts.isEmpty() && ledger.toDelete.isEmpty()) {
                    break;
                }
                while (group.size() < MAX_GROUP && !ledger.puts.isEmpty()) {
                    group.add(ledger.puts.poll());
                }
                deletes.addAll(ledger.toDelete);
                ledger.toDelete.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                ledger.lock.unlock();
            }
            long now = System.currentTimeMillis();
            boolean sweep = now >= nextSweep;
            if (!group.isEmpty() || !deletes.isEmpty() || sweep) {
                write(group, deletes, sweep, now);
                if (sweep) {
                    nextSweep = now + SWEEP_MILLIS;
                }
            }
            group.clear();
            deletes.clear();
        }
        closeConnection();
    }

    private void write(List<Put> group, List<Lease> deletes, boolean sweep, long now) {
        List<Lease> picked = new ArrayList<>();
        int expiredPicked = 0;
        long[] assigned = new long[group.size()];
        OutboxException[] refused = new OutboxException[group.size()];
        long next = nextId;
        try {
            connection();
            delete(deletes);
            if (sweep) {
                expiredPicked = sweepExpired(now, picked);
            }
            long stagedCount;
            long stagedBytes;
            ledger.lock.lock();
            try {
                stagedCount = ledger.totalCount();
                stagedBytes = ledger.totalBytes();
            } finally {
                ledger.lock.unlock();
            }
            ids.reserve(next, group.size());
            for (int i = 0; i < group.size(); i++) {
                Put put = group.get(i);
                Message m = put.message;
                int size = m.payload().length;
                while (stagedCount + 1 > limits.maxCount() || stagedBytes + size > limits.maxBytes()) {
                    Lease v = limits.evict() ? victim(m.priority()) : null;
                    if (v == null) {
                        refused[i] = full(m, stagedCount, stagedBytes);
                        break;
                    }
                    picked.add(v);
                    stagedCount--;
                    stagedBytes -= v.size();
                }
                if (refused[i] != null) {
                    continue;
                }
                insert.setLong(1, next);
                insert.setShort(2, (short) m.priority());
                insert.setLong(3, put.created);
                insert.setLong(4, m.ttlMillis() == 0 ? 0 : put.created + m.ttlMillis());
                insert.setString(5, m.channel());
                insert.setBytes(6, m.payload());
                insert.executeUpdate();
                assigned[i] = next++;
                stagedCount++;
                stagedBytes += size;
            }
            conn.commit();
        } catch (SQLException | IOException e) {
            rollback();
            undo(deletes, picked);
            String why = e instanceof SQLException s ? Database.describe(s) : e.toString();
            OutboxException failure = new OutboxException(Reason.STORAGE,
                    "the outbox could not store the message, nothing stored was lost: " + why, e);
            ledger.lock.lock();
            try {
                ledger.rejected += group.size();
            } finally {
                ledger.lock.unlock();
            }
            for (Put put : group) {
                put.failed(failure);
            }
            return;
        }
        nextId = next;
        applyCommitted(group, deletes, picked, expiredPicked, assigned, refused);
        for (int i = 0; i < group.size(); i++) {
            if (refused[i] != null) {
                group.get(i).failed(refused[i]);
            } else {
                group.get(i).stored(assigned[i]);
            }
        }
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
                Message m = group.get(i).message;
                ledger.held(m.priority(), 1, m.payload().length);
                ledger.takeable[m.priority()]++;
                ledger.committedHigh = assigned[i];
                ledger.accepted++;
                added = true;
            }
            if (added) {
                ledger.available.signalAll();
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    private void undo(List<Lease> deletes, List<Lease> picked) {
        ledger.lock.lock();
        try {
            ledger.toDelete.addAll(deletes);
            for (Lease v : picked) {
                ledger.deleting.remove(v.id());
                ledger.takeable[v.prio()]++;
            }
        } finally {
            ledger.lock.unlock();
        }
        for (ArrayDeque<Lease> q : victims) {
            q.clear();
        }
    }

    private void delete(List<Lease> deletes) throws SQLException {
        if (deletes.isEmpty()) {
            return;
        }
        long[] idsToDelete = new long[deletes.size()];
        for (int i = 0; i < idsToDelete.length; i++) {
            idsToDelete[i] = deletes.get(i).id();
        }
        long[] pairs = ranges.length >= 2 * idsToDelete.length ? ranges : new long[2 * idsToDelete.length];
        int n = Ranges.runs(idsToDelete, idsToDelete.length, pairs);
        for (int i = 0; i < n; i++) {
            long first = pairs[2 * i];
            long last = pairs[2 * i + 1];
            if (first == last) {
                deleteOne.setLong(1, first);
                deleteOne.executeUpdate();
            } else {
                deleteRange.setLong(1, first);
                deleteRange.setLong(2, last);
                deleteRange.executeUpdate();
            }
        }
    }

    /** @return how many expired rows were deleted; they are the first entries of {@code picked} */
    private int sweepExpired(long now, List<Lease> picked) throws SQLException {
        List<Lease> found = new ArrayList<>();
        selectExpired.setLong(1, now);
        try (ResultSet rs = selectExpired.executeQuery()) {
            while (rs.next()) {
                found.add(new Lease(rs.getLong(1), rs.getInt(2), rs.getInt(3)));
            }
        }
        int n = 0;
        for (Lease l : found) {
            if (claim(l)) {
                deleteOne.setLong(1, l.id());
                deleteOne.executeUpdate();
                picked.add(l);
                n++;
            }
        }
        return n;
    }

    /**
     * The oldest message that may make room for one of priority {@code prio}: of the least urgent
     * priority held, never more urgent than {@code prio} and never {@link Message#HIGHEST}, not in
     * flight. Deleted here, in the open transaction.
     */
    private Lease victim(int prio) throws SQLException {
        for (int q = Message.LOWEST; q >= Math.max(prio, Message.HIGHEST + 1); q--) {
            Lease v;
            while ((v = nextVictim(q)) != null) {
                deleteOne.setLong(1, v.id());
                if (deleteOne.executeUpdate() == 1) {
                    return v;
                }
                ledger.lock.lock();
                try {
                    ledger.deleting.remove(v.id());
                    ledger.takeable[q]++;
                } finally {
                    ledger.lock.unlock();
                }
            }
        }
        return null;
    }

    private Lease nextVictim(int q) throws SQLException {
        ArrayDeque<Lease> cache = victims[q];
        for (int refill = 0; refill < 2; refill++) {
            while (!cache.isEmpty()) {
                Lease v = cache.poll();
                victimCursor[q] = v.id();
                if (claim(v)) {
                    return v;
                }
            }
            selectVictims.setInt(1, q);
            selectVictims.setLong(2, victimCursor[q]);
            try (ResultSet rs = selectVictims.executeQuery()) {
                while (rs.next()) {
                    cache.add(new Lease(rs.getLong(1), q, rs.getInt(2)));
                }
            }
            if (cache.isEmpty()) {
                if (victimCursor[q] == 0) {
                    return null;
                }
                victimCursor[q] = 0;
            }
        }
        return null;
    }

    /** Marks a row as being deleted unless it is in flight or already going. */
    private boolean claim(Lease l) {
        ledger.lock.lock();
        try {
            if (ledger.inFlight.containsKey(l.id()) || ledger.deleting.contains(l.id())) {
                return false;
            }
            ledger.deleting.add(l.id());
            ledger.takeable[l.prio()]--;
            return true;
        } finally {
            ledger.lock.unlock();
        }
    }

    private OutboxException full(Message m, long count, long bytes) {
        String room = count + " of " + limits.maxCount() + " messages, " + bytes + " of "
                + limits.maxBytes() + " bytes";
        return new OutboxException(Reason.FULL, limits.evict()
                ? "outbox full (" + room + ") and nothing less urgent than priority "
                        + m.priority() + " to evict"
                : "outbox full (" + room + "), policy is reject");
    }

    private void connection() throws SQLException {
        if (conn != null && !conn.isClosed()) {
            return;
        }
        closeConnection();
        conn = db.connect();
        insert = conn.prepareStatement(
                "INSERT INTO outbox (id, prio, created, expires, channel, payload) VALUES (?, ?, ?, ?, ?, ?)");
        deleteOne = conn.prepareStatement("DELETE FROM outbox WHERE id = ?");
        deleteRange = conn.prepareStatement("DELETE FROM outbox WHERE id BETWEEN ? AND ?");
        selectVictims = conn.prepareStatement(
                "SELECT id, LENGTH(payload) FROM outbox WHERE prio = ? AND id > ? ORDER BY id");
        selectVictims.setMaxRows(VICTIM_BATCH);
        selectExpired = conn.prepareStatement(
                "SELECT id, prio, LENGTH(payload) FROM outbox WHERE expires > 0 AND expires <= ?");
        for (ArrayDeque<Lease> q : victims) {
            q.clear();
        }
    }

    private void rollback() {
        try {
            if (conn != null && !conn.isClosed()) {
                conn.rollback();
            }
        } catch (SQLException ignored) {
            closeConnection();
        }
    }

    private void closeConnection() {
        if (conn == null) {
            return;
        }
        try {
            conn.rollback();
            conn.close();
        } catch (SQLException ignored) {
            // a connection Derby already closed (the database shut itself down on an I/O error)
        }
        conn = null;
    }
}
