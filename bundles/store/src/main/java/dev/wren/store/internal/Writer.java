package dev.wren.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outbox's only writer, one thread: each round it takes every waiting put (up to
 * {@value #MAX_GROUP}), the rows acknowledged since the last round and, every
 * {@value #SWEEP_MILLIS} ms when one may have expired, the expired rows, and writes them in one
 * transaction ({@link GroupCommit}), so one disk flush serves all producers waiting at that moment.
 * Evictions for room happen in the same transaction as the inserts that need them. In-memory
 * accounting and the {@link Journal} change only after the commit (a delete is journalled before
 * it). A transaction that fails for want of space is tried once more after the {@link Pressure}
 * released the reserve, on a database booted again if Derby gave up on it ({@link Failures});
 * otherwise it fails that round's puts and changes nothing else. Between rounds the writer reports
 * gaps upstream ({@link Gaps}), checkpoints the database and starts a new journal
 * ({@link Bookkeeping}).
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

    private final Ledger ledger;
    private final Pressure pressure;
    private final Statements sql;
    private final Victims victims;
    private final Bookkeeping books;
    private final GroupCommit commit;
    private final Failures failures;
    private int lastGroup;
    private long nextSweep;

    /**
     * @param held  the ids the database holds; the writer keeps it up to date
     * @param gaps  gaps not yet reported (in table gone); reported in the first round when not empty
     */
    Writer(Database db, Ledger ledger, OutboxLimits limits, IdCeiling ids, long nextId, Journal journal,
            RangeSet held, Gaps gaps, Pressure pressure, Reports reports) {
        this.ledger = ledger;
        this.pressure = pressure;
        this.sql = new Statements(db, this::opened);
        this.victims = new Victims(ledger, sql);
        this.books = new Bookkeeping(nextId, journal, held, gaps, sql);
        this.commit = new GroupCommit(ledger, limits, ids, pressure, sql, victims, new Expiry(ledger, sql, victims),
                books);
        this.failures = new Failures(db, ledger, pressure, reports, sql, books);
    }

    /** New bounds, from the next round on; messages held beyond them are evicted as new ones arrive. */
    void limits(OutboxLimits l) {
        commit.limits(l);
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
                failures.reboot("the disk has room again");
            }
            boolean sweep = now >= nextSweep;
            boolean report = books.reportDue(now);
            if (!group.isEmpty() || !deletes.isEmpty() || sweep || report) {
                write(group, deletes, expiredDeletes, sweep, report, now);
                if (sweep) {
                    nextSweep = now + SWEEP_MILLIS;
                }
            }
            books.checkpoint(now, pressure.active());
            group.clear();
            deletes.clear();
            expiredDeletes.clear();
        }
        books.checkpoint(System.currentTimeMillis(), true);
        sql.close();
        books.close();
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
        Exception failure = commit.attempt(group, deletes, expiredDeletes, sweep, report, now);
        if (failure != null && failures.worthRetrying(failure, now)) {
            failure = commit.attempt(group, List.of(), Set.of(), false, false, now);
        }
        if (failure != null) {
            failures.refuse(group, failure);
        }
    }

    /** A new connection: rows cached from the last one may be gone. */
    private void opened() {
        victims.clear();
    }

    /**
     * Reads the rows of a damaged database and inserts those this outbox lacks (ids up to the
     * highest it handed out); writer thread only.
     *
     * @return what was done, in words
     */
    String salvage(Path damaged, Path scratch) throws SQLException, IOException {
        Salvage.Inserter in = new Salvage.Inserter(sql.connection(), books.held, books.nextId - 1);
        Salvage.Result r;
        try {
            r = Salvage.read(damaged, scratch, in);
            in.flush();
        } catch (Salvage.TargetFailed e) {
            sql.rollback();
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
        books.salvaged(in.inserted);
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
}
