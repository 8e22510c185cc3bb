package dev.wren.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;

/**
 * The outbox's only writer, one thread: each round it takes every waiting put (up to
 * {@value #MAX_GROUP}), the rows acknowledged since the last round and, every
 * {@value #SWEEP_MILLIS} ms when one may have expired, the expired rows, and writes them in one
 * transaction, so one disk
 * flush serves all producers waiting at that moment (group commit). Evictions for room happen in
 * the same transaction as the inserts that need them, and so are the ranges of ids deleted without
 * delivery (table {@code gone}) and the highest id handed out (table {@code meta}). In-memory
 * accounting and the {@link Journal} change only after the commit (a delete is journalled before
 * it). A transaction that fails for want of space is tried once more after the {@link Pressure}
 * released the reserve, on a database booted again if Derby gave up on it; otherwise it fails
 * that round's puts and changes nothing else. Between rounds the writer reports gaps upstream
 * ({@link Gaps}), checkpoints the database and starts a new journal.
 */
final class Writer implements Runnable {

    static final int MAX_GROUP = 256;
    static final long TICK_MILLIS = 100;
    static final long SWEEP_MILLIS = 1_000;
    /** Evicted and expired ids are reported upstream at most this often. */
    static final long REPORT_MILLIS = 5_000;
    /**
     * While anything changes, a checkpoint this often, after which a new journal starts: damage to
     * Derby's log can cost at most the commits since the last one, and those are reported.
     */
    static final long CHECKPOINT_MILLIS = 10_000;
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
    private final Journal journal;
    private final RangeSet held;
    private final Gaps gaps;
    private final Pressure pressure;
    private final Reports reports;
    private long nextId;
    private long lastReport;
    private boolean reportNow;
    private long lastCheckpoint = System.currentTimeMillis();
    private boolean dirty;
    private int lastGroup;
    private long nextSweep;
    private Connection conn;
    private final PreparedStatement[] inserts = new PreparedStatement[CHUNKS.length];
    private PreparedStatement deleteOne;
    private PreparedStatement deleteRange;
    private PreparedStatement selectVictims;
    private PreparedStatement selectExpiring;
    private PreparedStatement updateHigh;
    private PreparedStatement insertGone;
    private PreparedStatement clearGone;

    /**
     * @param held  the ids the database holds; the writer keeps it up to date
     * @param gaps  gaps not yet reported (in table gone); reported in the first round when not empty
     */
    Writer(Database db, Ledger ledger, OutboxLimits limits, IdCeiling ids, long nextId, Journal journal,
            RangeSet held, Gaps gaps, Pressure pressure, Reports reports) {
        this.db = db;
        this.ledger = ledger;
        this.limits = limits;
        this.ids = ids;
        this.nextId = nextId;
        this.journal = journal;
        this.held = held;
        this.gaps = gaps;
        this.pressure = pressure;
        this.reports = reports;
        this.reportNow = !gaps.isEmpty();
        // Table meta (the highest id handed out) is written only in rounds that delete rows:
        // until a row is deleted the highest id in the table is the highest handed out, so
        // recovery takes the larger of the two and an insert costs no second row write.
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
        Set<Long> expiredDeletes = new HashSet<>();
        while (true) {
            Runnable task;
            ledger.lock.lock();
            try {
                ledger.awaitWork(TICK_MILLIS);
                if (ledger.closed && ledger.puts.isEmpty() && ledger.toDelete.isEmpty() && ledger.tasks.isEmpty()) {
                    break;
                }
                task = ledger.tasks.poll();
                long gather = ledger.puts.isEmpty() ? 0 : GATHER_NANOS;
                while (ledger.puts.size() < lastGroup && gather > 0 && !ledger.closed) {
                    gather = ledger.work.awaitNanos(gather);
                }
                while (group.size() < MAX_GROUP && !ledger.puts.isEmpty()) {
                    group.add(ledger.puts.poll());
                }
                lastGroup = group.size();
                for (Lease d : ledger.toDelete) {
                    if (ledger.expiredOnTake.remove(d.id())) {
                        expiredDeletes.add(d.id());
                    }
                }
                deletes.addAll(ledger.toDelete);
                ledger.toDelete.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                ledger.lock.unlock();
            }
            if (task != null) {
                task.run();
            }
            long now = System.currentTimeMillis();
            if (pressure.roomAgain(now)) {
                reboot("the disk has room again");
            }
            boolean sweep = now >= nextSweep;
            boolean report = !gaps.isEmpty() && (reportNow || now - lastReport >= REPORT_MILLIS);
            if (!group.isEmpty() || !deletes.isEmpty() || sweep || report) {
                write(group, deletes, expiredDeletes, sweep, report, now);
                if (sweep) {
                    nextSweep = now + SWEEP_MILLIS;
                }
            }
            checkpoint(now, pressure.active());
            group.clear();
            deletes.clear();
            expiredDeletes.clear();
        }
        checkpoint(System.currentTimeMillis(), true);
        closeConnection();
        journal.close();
    }

    /** Runs {@code task} in the writer's thread, between rounds. */
    void submit(Runnable task) {
        ledger.lock.lock();
        try {
            ledger.tasks.add(task);
            ledger.work.signal();
        } finally {
            ledger.lock.unlock();
        }
    }

    private void write(List<Put> group, List<Lease> deletes, Set<Long> expiredDeletes, boolean sweep,
            boolean report, long now) {
        Exception failure = attempt(group, deletes, expiredDeletes, sweep, report, now);
        if (failure != null) {
            long count;
            long bytes;
            ledger.lock.lock();
            try {
                count = ledger.boundedCount();
                bytes = ledger.boundedBytes();
            } finally {
                ledger.lock.unlock();
            }
            boolean wasFull = pressure.active();
            boolean again = pressure.failed(failure, count, bytes);
            again |= rebootIfBroken(failure);
            if (wasFull && pressure.active()) {
                again |= checkpoint(now, true);
            }
            if (again) {
                failure = attempt(group, List.of(), Set.of(), false, false, now);
            }
        }
        if (failure == null) {
            return;
        }
        String why = failure instanceof SQLException s ? Database.describe(s) : failure.toString();
        OutboxException refusal = new OutboxException(Reason.STORAGE,
                "the outbox could not store the message, nothing stored was lost: " + why, failure);
        ledger.lock.lock();
        try {
            ledger.rejected += group.size();
        } finally {
            ledger.lock.unlock();
        }
        if (pressure.active()) {
            pressure.refused(group.size());
        }
        for (Put put : group) {
            put.failed(refusal);
        }
    }

    /** One transaction; @return null when it committed, else what failed (everything undone) */
    private Exception attempt(List<Put> group, List<Lease> deletes, Set<Long> expiredDeletes, boolean sweep,
            boolean report, long now) {
        List<Lease> picked = new ArrayList<>();
        int expiredPicked = 0;
        long[] assigned = new long[group.size()];
        OutboxException[] refused = new OutboxException[group.size()];
        long first = nextId;
        long next = nextId;
        List<byte[]> notices = report ? gaps.payloads() : List.of();
        int noticeBytes = 0;
        long noticeFirst = 0;
        Gaps round = new Gaps();
        RangeSet deleting = new RangeSet();
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
                    Lease v = limits.evict() ? victim(m.priority()) : null;
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
            insert(group, assigned, refused, accepted);
            noticeFirst = next;
            for (byte[] n : notices) {
                insertNotice(next++, now, n);
                noticeBytes += n.length;
            }
            if (!deletes.isEmpty() || !picked.isEmpty()) {
                updateHigh.setLong(1, next - 1);
                updateHigh.executeUpdate();
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
            recordGone(round);
            if (report) {
                clearGone.executeUpdate();
            }
            journal.deleting(deleting);
            conn.commit();
        } catch (SQLException | IOException e) {
            rollback();
            undo(deletes, expiredDeletes, picked);
            return e;
        }
        nextId = next;
        if (next > first) {
            journal.inserted(first, next - 1);
            held.add(first, next - 1);
            dirty = true;
        }
        if (!deleting.isEmpty()) {
            held.removeAll(deleting);
            dirty = true;
        }
        if (report) {
            gaps.clear();
            lastReport = now;
            reportNow = false;
        }
        gaps.evicted.addAll(round.evicted);
        gaps.expired.addAll(round.expired);
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

    private void recordGone(Gaps round) throws SQLException {
        for (char reason : new char[] {Gaps.EVICTED, Gaps.EXPIRED}) {
            for (long[] r : round.of(reason).ranges()) {
                insertGone.setLong(1, r[0]);
                insertGone.setLong(2, r[1]);
                insertGone.setString(3, String.valueOf(reason));
                insertGone.executeUpdate();
            }
        }
    }

    private void insertNotice(long id, long now, byte[] payload) throws SQLException {
        PreparedStatement st = inserts[inserts.length - 1];
        st.setShort(1, (short) Message.HIGHEST);
        st.setLong(2, id);
        st.setLong(3, now);
        st.setLong(4, 0);
        st.setString(5, dev.wren.store.Outbox.CHANNEL_GAPS);
        st.setBytes(6, payload);
        st.executeUpdate();
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

    /**
     * A checkpoint when one is due (or {@code force}, at close) and anything changed since the
     * last, then a new journal. A failure (disk full) leaves the old journal, which still holds.
     */
    /**
     * On a full disk every round ends with one: it lets Derby delete the log files it no longer
     * needs and reuse the pages of evicted rows.
     *
     * @return true when a checkpoint was made
     */
    private boolean checkpoint(long now, boolean force) {
        if (!dirty || !force && now - lastCheckpoint < CHECKPOINT_MILLIS) {
            return false;
        }
        lastCheckpoint = now;
        try {
            connection();
            try (java.sql.Statement s = conn.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
            }
            conn.commit();
            journal.rotate(nextId - 1, held);
            dirty = false;
            return true;
        } catch (SQLException | IOException e) {
            rollback();
            return false;
        }
    }

    /**
     * Derby gives up on a database whose log it could not write: it shuts it down, or keeps it
     * read-only (SQL state 25502) until it is booted again.
     *
     * @param failure what failed, or null
     * @return true when the database was booted again
     */
    private boolean rebootIfBroken(Exception failure) {
        try {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().equals("25502")
                        || s.getSQLState().startsWith("XSLA") || s.getSQLState().equals("08006")
                        || s.getSQLState().equals("08003") || s.getSQLState().equals("XJ001"))) {
                    throw s;
                }
            }
            connection();
            try (java.sql.Statement s = conn.createStatement()) {
                s.executeQuery("VALUES 1").close();
            }
            return false;
        } catch (SQLException broken) {
            return reboot(Database.describe(broken));
        }
    }

    /** Boots the database again: Derby may have kept it read-only after a failed log write. */
    private boolean reboot(String why) {
        closeConnection();
        try {
            db.reboot();
            reports.report(Reports.Kind.RECOVERED, "Outbox database booted again (" + why + ")", java.util.Map.of());
            return true;
        } catch (SQLException stillBroken) {
            return false;
        }
    }

    /**
     * Reads the rows of a damaged database and inserts those this outbox lacks (ids up to the
     * highest it handed out); writer thread only.
     *
     * @return what was done, in words
     */
    String salvage(Path damaged, Path scratch) throws SQLException, IOException {
        connection();
        Salvage.Inserter in = new Salvage.Inserter(conn, held, nextId - 1);
        Salvage.Result r;
        try {
            r = Salvage.read(damaged, scratch, in);
            in.flush();
        } catch (Salvage.TargetFailed e) {
            rollback();
            throw e.sql();
        } finally {
            salvaged(in);
        }
        return r.rows() + " rows readable in " + damaged + (r.withLog() ? "" : " (booted without its log)")
                + (r.holes() > 0 ? ", " + r.holes() + " id ranges unreadable" : "") + "; " + in.inserted.count()
                + " added to the outbox, " + (r.rows() - in.inserted.count() - in.above) + " it already had"
                + (in.above > 0 ? ", " + in.above + " above its highest id left out" : "");
    }

    private void salvaged(Salvage.Inserter in) {
        if (in.inserted.isEmpty()) {
            return;
        }
        for (long[] r : in.inserted.ranges()) {
            journal.inserted(r[0], r[1]);
        }
        held.addAll(in.inserted);
        dirty = true;
        ledger.lock.lock();
        try {
            for (int p = 0; p < Ledger.PRIORITIES; p++) {
                if (in.count[p] > 0) {
                    ledger.held(p, (int) in.count[p], in.bytes[p]);
                    ledger.takeable[p] += in.count[p];
                    ledger.cursor[p] = 0;
                }
            }
            ledger.releaseEpoch++;
            ledger.available.signalAll();
        } finally {
            ledger.lock.unlock();
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

    private static OutboxException full(OutboxLimits limits, Message m, long count, long bytes, boolean disk) {
        String room = disk ? "the disk is full, " + count + " messages held"
                : count + " of " + limits.maxCount() + " messages, " + bytes + " of " + limits.maxBytes() + " bytes";
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
        updateHigh = conn.prepareStatement("UPDATE meta SET val = ? WHERE name = 'high'");
        insertGone = conn.prepareStatement("INSERT INTO gone (first_id, last_id, reason) VALUES (?, ?, ?)");
        clearGone = conn.prepareStatement("DELETE FROM gone");
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
