package dev.wren.store.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;

/**
 * What the writer does when a round's transaction fails. A failure for want of space enters the
 * {@link Pressure}'s full-disk mode and releases the reserve; a database Derby gave up on is booted
 * again; on a disk that stays full a checkpoint frees Derby's log. If any of these may have helped,
 * the round is worth one more try; a round that still fails refuses its puts, and nothing stored is
 * lost. Writer thread only.
 */
final class Failures {

    private final Database db;
    private final Ledger ledger;
    private final Pressure pressure;
    private final Reports reports;
    private final Statements sql;
    private final Bookkeeping books;

    Failures(Database db, Ledger ledger, Pressure pressure, Reports reports, Statements sql, Bookkeeping books) {
        this.db = db;
        this.ledger = ledger;
        this.pressure = pressure;
        this.reports = reports;
        this.sql = sql;
        this.books = books;
    }

    /** @return true when something was done about {@code failure} that may let the puts through */
    boolean worthRetrying(Exception failure, long now) {
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
            again |= books.checkpoint(now, true);
        }
        return again;
    }

    /** Fails every put of {@code group} with a storage error saying why. */
    void refuse(List<Put> group, Exception failure) {
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
            sql.probe();
            return false;
        } catch (SQLException broken) {
            return reboot(Database.describe(broken));
        }
    }

    /** Boots the database again: Derby may have kept it read-only after a failed log write. */
    boolean reboot(String why) {
        sql.close();
        try {
            db.reboot();
            reports.report(Reports.Kind.RECOVERED, "Outbox database booted again (" + why + ")", Map.of());
            return true;
        } catch (SQLException stillBroken) {
            return false;
        }
    }
}
