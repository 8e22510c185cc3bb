package dev.wren.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;
import dev.wren.store.OutboxStats;
import dev.wren.store.Stored;

/**
 * The outbox on embedded Derby, usable without a framework: a directory holding the database
 * ({@code db/}), the id ceiling ({@code id-ceiling}) and Derby's log ({@code derby.log}); a
 * database moved aside stays there as {@code db.unreadable-<time>}.
 */
public final class DerbyOutbox implements Outbox, AutoCloseable {

    private final Database db;
    private volatile OutboxLimits limits;
    private final Writer writing;
    private final Ledger ledger = new Ledger();
    private final Reader reader;
    private final Thread writer;

    private DerbyOutbox(Database db, OutboxLimits limits, IdCeiling ids) throws SQLException {
        this.db = db;
        this.limits = limits;
        long high = recover();
        long next = Math.max(ids.value(), high + 1);
        ledger.committedHigh = next - 1;
        this.reader = new Reader(db, ledger);
        this.writing = new Writer(db, ledger, limits, ids, Math.max(next, 1));
        this.writer = new Thread(writing, "wren-outbox");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens the outbox in {@code directory} with no one to tell when a database is moved aside. */
    public static DerbyOutbox open(Path directory, OutboxLimits limits) throws OutboxException {
        return open(directory, limits, (aside, reason) -> { });
    }

    /**
     * Opens (or creates) the outbox in {@code directory}.
     *
     * @param movedAside told (new path, reason) when the database could not be opened and was
     *                   moved aside before a new one was created
     * @throws OutboxException {@link Reason#STORAGE} when the directory cannot be used or another
     *                         process holds the database
     */
    public static DerbyOutbox open(Path directory, OutboxLimits limits,
            BiConsumer<Path, String> movedAside) throws OutboxException {
        try {
            Files.createDirectories(directory);
            if (System.getProperty("derby.stream.error.file") == null) {
                System.setProperty("derby.stream.error.file", directory.resolve("derby.log").toString());
            }
            System.getProperties().putIfAbsent("derby.storage.pageCacheSize", "256");
            System.getProperties().putIfAbsent("derby.storage.pageSize", "4096");
            System.getProperties().putIfAbsent("derby.storage.indexStats.auto", "false");
            IdCeiling ids = IdCeiling.load(directory.resolve("id-ceiling"));
            Database db = Database.open(directory.resolve("db"), movedAside);
            try {
                return new DerbyOutbox(db, limits, ids);
            } catch (SQLException e) {
                db.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new OutboxException(Reason.STORAGE, "cannot open the outbox in " + directory + ": "
                    + Database.describe(e), e);
        } catch (IOException e) {
            throw new OutboxException(Reason.STORAGE, "cannot open the outbox in " + directory + ": " + e, e);
        }
    }

    /** Counts what the database holds; @return the highest id in it, 0 if empty */
    private long recover() throws SQLException {
        long high = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT prio, COUNT(*), SUM(CAST(LENGTH(payload) AS BIGINT)),"
                        + " MAX(id) FROM outbox GROUP BY prio")) {
            while (rs.next()) {
                int p = rs.getInt(1);
                ledger.held(p, rs.getInt(2), rs.getLong(3));
                ledger.takeable[p] = ledger.count[p];
                high = Math.max(high, rs.getLong(4));
            }
            c.commit();
        }
        return high;
    }

    @Override
    public long put(Message message) throws OutboxException, InterruptedException {
        try {
            MessageRules.check(message, limits.maxPayload());
        } catch (OutboxException e) {
            ledger.lock.lock();
            try {
                ledger.rejected++;
            } finally {
                ledger.lock.unlock();
            }
            throw e;
        }
        Put put = new Put(message, System.currentTimeMillis());
        ledger.lock.lock();
        try {
            if (ledger.closed) {
                throw closed();
            }
            ledger.puts.add(put);
            ledger.work.signal();
        } finally {
            ledger.lock.unlock();
        }
        return put.await();
    }

    @Override
    public List<Stored> take(int max, long timeout, TimeUnit unit) throws OutboxException, InterruptedException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, was " + max);
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long[] cursor = new long[Ledger.PRIORITIES];
        boolean[] wanted = new boolean[Ledger.PRIORITIES];
        while (true) {
            long high;
            long epoch;
            ledger.lock.lock();
            try {
                if (!ledger.awaitTakeable(deadline)) {
                    return List.of();
                }
                if (ledger.closed) {
                    throw closed();
                }
                high = ledger.committedHigh;
                epoch = ledger.releaseEpoch;
                for (int p = 0; p < cursor.length; p++) {
                    cursor[p] = ledger.cursor[p];
                    wanted[p] = ledger.takeable[p] > 0;
                }
            } finally {
                ledger.lock.unlock();
            }
            List<Stored> out = new ArrayList<>(max);
            boolean stale = false;
            try {
                for (int p = 0; p < cursor.length && out.size() < max; p++) {
                    if (!wanted[p]) {
                        continue;
                    }
                    int before = out.size();
                    long last = reader.read(p, cursor[p], high, max - out.size(), out);
                    stale |= out.size() == before && last == cursor[p];
                    advance(p, last, epoch);
                }
            } catch (SQLException e) {
                reader.close();
                throw new OutboxException(Reason.STORAGE, "cannot read the outbox: " + Database.describe(e), e);
            }
            if (!out.isEmpty()) {
                return out;
            }
            if (stale) {
                rewind(deadline);
            }
        }
    }

    private void advance(int prio, long last, long epoch) {
        ledger.lock.lock();
        try {
            if (ledger.releaseEpoch == epoch) {
                ledger.cursor[prio] = Math.max(ledger.cursor[prio], last);
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Takeable rows that a read could not find: read the priority again from its start. */
    private void rewind(long deadline) throws InterruptedException {
        ledger.lock.lock();
        try {
            Arrays.fill(ledger.cursor, 0);
            long left = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50));
            if (left > 0) {
                ledger.available.awaitNanos(left);
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    @Override
    public void acknowledge(long id) {
        ledger.acknowledge(id);
    }

    @Override
    public void release(long id) {
        ledger.release(id);
    }

    /** Releases every message in flight (the drainer lost its connection). */
    public void releaseAll() {
        for (Lease l : inFlight()) {
            release(l.id());
        }
    }

    List<Lease> inFlight() {
        ledger.lock.lock();
        try {
            return ledger.inFlightLeases();
        } finally {
            ledger.lock.unlock();
        }
    }

    @Override
    public OutboxStats stats() {
        return ledger.stats();
    }

    /** @return transactions that stored at least one message; accepted / commits is the mean group */
    public long commits() {
        ledger.lock.lock();
        try {
            return ledger.commits;
        } finally {
            ledger.lock.unlock();
        }
    }

    /** @return the bounds this outbox was opened with */
    public OutboxLimits limits() {
        return limits;
    }

    /** Applies new bounds to the next puts; what is held beyond them is evicted as messages arrive. */
    public void limits(OutboxLimits l) {
        limits = l;
        writing.limits(l);
    }

    /** @return the database's directory */
    public Path path() {
        return db.path();
    }

    /**
     * Stops accepting, lets the writer commit what is queued and delete what was acknowledged,
     * then shuts the database down. Messages in flight stay stored and are taken again next time.
     */
    @Override
    public void close() {
        ledger.lock.lock();
        try {
            if (ledger.closed) {
                return;
            }
            ledger.closed = true;
            ledger.work.signalAll();
            ledger.available.signalAll();
        } finally {
            ledger.lock.unlock();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
        db.close();
    }

    private static OutboxException closed() {
        return new OutboxException(Reason.CLOSED, "the outbox is closed");
    }
}
