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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.wren.store.Backlog;
import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;
import dev.wren.store.OutboxStats;
import dev.wren.store.Stored;

/**
 * The outbox on embedded Derby, usable without a framework: a directory holding the database
 * ({@code db/}), the journal of what was committed ({@code journal}), the id ceiling
 * ({@code id-ceiling}), the reserve for a full disk ({@code reserve}) and Derby's log
 * ({@code derby.log}); a database moved aside stays there as {@code db.unreadable-<time>} after
 * its readable rows were salvaged.
 */
public final class DerbyOutbox implements Outbox, AutoCloseable {

    private final Database db;
    private volatile OutboxLimits limits;
    private final Writer writing;
    private final Ledger ledger = new Ledger();
    private final Reader reader;
    private final Ages ages;
    private final Thread writer;

    /** The default size of the reserve for a full disk: 2 MiB, two of Derby's log files. */
    public static final long RESERVE_BYTES = 2L << 20;

    private final Path directory;

    private DerbyOutbox(Path directory, Database db, OutboxLimits limits, Recovery.Outcome r, Reserve reserve,
            Reports reports) {
        this.directory = directory;
        this.db = db;
        this.limits = limits;
        Contents c = r.contents();
        for (int p = 0; p < Ledger.PRIORITIES; p++) {
            ledger.held(p, (int) c.count[p], c.bytes[p]);
            ledger.takeable[p] = c.count[p];
        }
        ledger.committedHigh = r.next() - 1;
        c.notices.forEach((id, size) -> {
            ledger.notices.add(id);
            ledger.noticeBytes += size;
        });
        this.reader = new Reader(db, ledger);
        this.ages = new Ages(db);
        this.writing = new Writer(db, ledger, limits, r.ids(), r.next(), r.journal(), c.ids, r.gaps(),
                new Pressure(reserve, reports), reports);
        this.writer = new Thread(writing, "wren-outbox");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens the outbox in {@code directory} with no one to tell what recovery found. */
    public static DerbyOutbox open(Path directory, OutboxLimits limits) throws OutboxException {
        return open(directory, limits, Reports.NONE, RESERVE_BYTES);
    }

    /**
     * Opens (or creates) the outbox in {@code directory}: a database Derby cannot open is moved
     * aside and its readable rows salvaged into a new one; what recovery lost is reported.
     *
     * @param reports      told what recovery found and did, and when the disk fills and empties
     * @param reserveBytes room kept for a full disk (0: none)
     * @throws OutboxException {@link Reason#STORAGE} when the directory cannot be used or another
     *                         process holds the database
     */
    static DerbyOutbox open(Path directory, OutboxLimits limits, Reports reports, long reserveBytes)
            throws OutboxException {
        try {
            Files.createDirectories(directory);
            if (System.getProperty("derby.stream.error.file") == null) {
                System.setProperty("derby.stream.error.file", directory.resolve("derby.log").toString());
            }
            System.getProperties().putIfAbsent("derby.storage.pageCacheSize", "256");
            System.getProperties().putIfAbsent("derby.storage.pageSize", "4096");
            System.getProperties().putIfAbsent("derby.storage.indexStats.auto", "false");
            Reserve reserve = new Reserve(directory.resolve("reserve"), reserveBytes);
            reserve.ensure();
            Database db;
            try {
                db = Database.open(directory.resolve("db"), (aside, reason) -> reports.report(Reports.Kind.MOVED_ASIDE,
                        "Outbox database could not be opened (" + reason + "); moved aside to " + aside
                                + ", never deleted, a new one started and its readable rows salvaged",
                        java.util.Map.of(EVENT_PATH, directory.resolve("db").toString(), EVENT_MOVED_TO, aside.toString(),
                                EVENT_REASON, reason)));
            } catch (SQLException | IOException full) {
                String why = full instanceof SQLException q ? Database.describe(q) : String.valueOf(full.getMessage());
                if (!why.contains("space") || !reserve.release()) {
                    throw full;
                }
                db = Database.open(directory.resolve("db"), (aside, reason) -> { });
            }
            try {
                return new DerbyOutbox(directory, db, limits, Recovery.run(directory, db, reports), reserve, reports);
            } catch (SQLException | IOException | RuntimeException e) {
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
        int failures = 0;
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
                if (++failures > 3) {
                    throw new OutboxException(Reason.STORAGE, "cannot read the outbox: " + Database.describe(e), e);
                }
                Thread.sleep(50L * failures);
                continue;
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

    @Override
    public Backlog backlog() {
        long[] count = new long[Ledger.PRIORITIES];
        long[] bytes = new long[Ledger.PRIORITIES];
        ledger.lock.lock();
        try {
            if (ledger.closed) {
                return new Backlog(List.of());
            }
            System.arraycopy(ledger.count, 0, count, 0, count.length);
            System.arraycopy(ledger.bytes, 0, bytes, 0, bytes.length);
        } finally {
            ledger.lock.unlock();
        }
        List<Backlog.Level> levels = new ArrayList<>(count.length);
        for (int p = 0; p < count.length; p++) {
            levels.add(new Backlog.Level(p, count[p], bytes[p], count[p] == 0 ? 0 : ages.oldest(p)));
        }
        return new Backlog(levels);
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
     * Reads the readable rows of a damaged outbox database (a {@code db.unreadable-<time>}
     * directory, which is only read) and adds those this outbox lacks, with their ids, up to the
     * highest id this outbox handed out. Runs in the writer's thread: puts wait meanwhile.
     *
     * @return what was done, in words
     * @throws OutboxException {@link Reason#STORAGE} naming what could not be read or stored
     */
    public String salvage(Path damaged) throws OutboxException, InterruptedException {
        CompletableFuture<String> done = new CompletableFuture<>();
        writing.submit(() -> {
            try {
                done.complete(writing.salvage(damaged.toAbsolutePath().normalize(), directory.resolve("salvage.tmp")));
            } catch (SQLException | IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            String why = t instanceof SQLException s ? Database.describe(s) : t.toString();
            throw new OutboxException(Reason.STORAGE, "cannot salvage " + damaged + ": " + why, t);
        }
    }

    /**
     * Stops accepting, lets the writer commit what is queued and delete what was acknowledged,
     * checkpoint and start a new journal, then shuts the database down (no lock file is left).
     * Messages in flight stay stored and are taken again next time.
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
        ages.close();
        db.close();
    }

    private static OutboxException closed() {
        return new OutboxException(Reason.CLOSED, "the outbox is closed");
    }
}
