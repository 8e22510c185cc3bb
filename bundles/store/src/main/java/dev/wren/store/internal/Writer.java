package dev.wren.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;

/**
 * The outbox's only writer, one thread: each round it takes every waiting put (up to
 * {@value #MAX_GROUP}), the rows acknowledged since the last round and, every
 * {@value #SWEEP_MILLIS} ms when one may have expired, the expired rows, and writes them in one
 * transaction, so one disk
 * flush serves all producers waiting at that moment (group commit). Evictions for room happen in
 * the same transaction as the inserts that need them. In-memory accounting changes only after
 * the commit; a failed transaction (disk full) fails that round's puts and changes nothing else.
 */
final class Writer implements Runnable {

    static final int MAX_GROUP = 256;
    static final long TICK_MILLIS = 100;
    static final long SWEEP_MILLIS = 1_000;
    /**
     * How long a round waits for more producers when fewer are waiting than joined the last round:
     * the ones missing are usually a moment away, and one flush for all beats two.
     */
    static final long GATHER_NANOS = 100_000;
    private static final int VICTIM_BATCH = 64;
    /** Rows per INSERT statement, largest first: one statement of many rows costs far less per row. */
    private static final int[] CHUNKS = {32, 8, 1};

    private final Database db;
    private final Ledger ledger;
    private volatile OutboxLimits limits;
    private final IdCeiling ids;
    private final long[] ranges = new long[2 * ((Ledger.ACK_FLUSH * 4) + MAX_GROUP)];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Lease>[] victims = new ArrayDeque[Ledger.PRIORITIES];
    private final long[] victimCursor = new long[Ledger.PRIORITIES];
    private long nextId;
    private int lastGroup;
    private long nextSweep;
    private Connection conn;
    private final PreparedStatement[] inserts = new PreparedStatement[CHUNKS.length];
    private PreparedStatement deleteOne;
    private PreparedStatement deleteRange;
    private PreparedStatement selectVictims;
    private PreparedStatement selectExpiring;

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

    /** New bounds, from the next round on; messages held beyond them are evicted as new ones arrive. */
    void limits(OutboxLimits l) {
        limits = l;
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
                long gather = ledger.puts.isEmpty() ? 0 : GATHER_NANOS;
                while (ledger.puts.size() < lastGroup && gather > 0 && !ledger.closed) {
                    gather = ledger.work.awaitNanos(gather);
                }
                while (group.size() < MAX_GROUP && !ledger.puts.isEmpty()) {
                    group.add(ledger.puts.poll());
                }
                lastGroup = group.size();
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
            int accepted = 0;
            OutboxLimits limits = this.limits;
            for (int i = 0; i < group.size(); i++) {
                Message m = group.get(i).message;
                int size = m.payload().length;
                while (stagedCount + 1 > limits.maxCount() || stagedBytes + size > limits.maxBytes()) {
                    Lease v = limits.evict() ? victim(m.priority()) : null;
                    if (v == null) {
                        refused[i] = full(limits, m, stagedCount, stagedBytes);
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
            insert(group, assigned, refused, accepted);
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

    /** Inserts the accepted puts, as many rows per statement as {@link #CHUNKS} allow. */
    private void insert(List<Put> group, long[] assigned, OutboxException[] refused, int accepted)
            throws SQLException {
        int i = 0;
        int left = accepted;
        for (int c = 0; c < CHUNKS.length; c++) {
            while (left >= CHUNKS[c]) {
                PreparedStatement st = inserts[c];
                int k = 1;
                for (int row = 0; row < CHUNKS[c]; row++, i++) {
                    while (refused[i] != null) {
                        i++;
                    }
                    Put put = group.get(i);
                    Message m = put.message;
                    st.setShort(k++, (short) m.priority());
                    st.setLong(k++, assigned[i]);
                    st.setLong(k++, put.created);
                    st.setLong(k++, m.ttlMillis() == 0 ? 0 : put.created + m.ttlMillis());
                    st.setString(k++, m.channel());
                    st.setBytes(k++, m.payload());
                }
                st.executeUpdate();
                left -= CHUNKS[c];
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
        long[] keys = new long[deletes.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Ranges.key(deletes.get(i).prio(), deletes.get(i).id());
        }
        long[] pairs = ranges.length >= 2 * keys.length ? ranges : new long[2 * keys.length];
        int n = Ranges.runs(keys, keys.length, pairs);
        for (int i = 0; i < n; i++) {
            int prio = Ranges.prio(pairs[2 * i]);
            long first = Ranges.id(pairs[2 * i]);
            long last = Ranges.id(pairs[2 * i + 1]);
            if (first == last) {
                deleteOne(prio, first);
            } else {
                deleteRange.setInt(1, prio);
                deleteRange.setLong(2, first);
                deleteRange.setLong(3, last);
                deleteRange.executeUpdate();
            }
        }
    }

    private int deleteOne(int prio, long id) throws SQLException {
        deleteOne.setInt(1, prio);
        deleteOne.setLong(2, id);
        return deleteOne.executeUpdate();
    }

    /**
     * Deletes the rows whose time to live ran out, when one may have (the ledger knows the
     * earliest expiry); scans the table, which has no index on expiry.
     *
     * @return how many expired rows were deleted; they are the first entries of {@code picked}
     */
    private int sweepExpired(long now, List<Lease> picked) throws SQLException {
        ledger.lock.lock();
        try {
            if (ledger.earliestExpiry > now) {
                return 0;
            }
        } finally {
            ledger.lock.unlock();
        }
        List<Lease> found = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        try (ResultSet rs = selectExpiring.executeQuery()) {
            while (rs.next()) {
                long expires = rs.getLong(4);
                if (expires <= now) {
                    found.add(new Lease(rs.getLong(2), rs.getInt(1), rs.getInt(3)));
                } else {
                    earliest = Math.min(earliest, expires);
                }
            }
        }
        int n = 0;
        for (Lease l : found) {
            if (claim(l) && deleteOne(l.prio(), l.id()) == 1) {
                picked.add(l);
                n++;
            }
        }
        ledger.lock.lock();
        try {
            ledger.earliestExpiry = earliest;
        } finally {
            ledger.lock.unlock();
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
                if (deleteOne(q, v.id()) == 1) {
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

    private static OutboxException full(OutboxLimits limits, Message m, long count, long bytes) {
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
        for (int i = 0; i < inserts.length; i++) {
            inserts[i] = conn.prepareStatement("INSERT INTO outbox (prio, id, created, expires, channel, payload)"
                    + " VALUES " + String.join(", ", Collections.nCopies(CHUNKS[i], "(?, ?, ?, ?, ?, ?)")));
        }
        deleteOne = conn.prepareStatement("DELETE FROM outbox WHERE prio = ? AND id = ?");
        deleteRange = conn.prepareStatement("DELETE FROM outbox WHERE prio = ? AND id BETWEEN ? AND ?");
        selectVictims = conn.prepareStatement(
                "SELECT id, LENGTH(payload) FROM outbox WHERE prio = ? AND id > ? ORDER BY prio, id");
        selectVictims.setMaxRows(VICTIM_BATCH);
        selectExpiring = conn.prepareStatement(
                "SELECT prio, id, LENGTH(payload), expires FROM outbox WHERE expires > 0");
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
