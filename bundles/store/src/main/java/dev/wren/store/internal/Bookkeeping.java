package dev.wren.store.internal;

import java.io.IOException;
import java.sql.SQLException;

/**
 * What the writer keeps beside the database and the {@link Ledger}: the next id to hand out, the
 * ids the database holds, the {@link Journal} of both, the gaps not yet reported and when to
 * report them, and the checkpoints after which a new journal starts. Changed only after a commit,
 * except {@link #deleting}, which is journalled before it. Writer thread only.
 */
final class Bookkeeping {

    /** Evicted and expired ids are reported upstream at most this often. */
    static final long REPORT_MILLIS = 5_000;
    /**
     * While anything changes, a checkpoint this often, after which a new journal starts: damage to
     * Derby's log can cost at most the commits since the last one, and those are reported.
     */
    static final long CHECKPOINT_MILLIS = 10_000;

    private final Journal journal;
    final RangeSet held;
    final Gaps gaps;
    private final Statements sql;
    long nextId;
    private long lastReport;
    private boolean reportNow;
    private long lastCheckpoint = System.currentTimeMillis();
    private boolean dirty;

    /**
     * @param held  the ids the database holds; kept up to date
     * @param gaps  gaps not yet reported (in table gone); reported in the first round when not empty
     */
    Bookkeeping(long nextId, Journal journal, RangeSet held, Gaps gaps, Statements sql) {
        this.nextId = nextId;
        this.journal = journal;
        this.held = held;
        this.gaps = gaps;
        this.sql = sql;
        this.reportNow = !gaps.isEmpty();
    }

    /** @return whether this round reports the gaps held */
    boolean reportDue(long now) {
        return !gaps.isEmpty() && (reportNow || now - lastReport >= REPORT_MILLIS);
    }

    /** Before the commit that deletes them. */
    void deleting(RangeSet ids) {
        journal.deleting(ids);
    }

    /**
     * A round committed: ids {@code first} to {@code next - 1} inserted, {@code deleting} deleted,
     * the gaps held reported when {@code report}, and the gaps of {@code round} to report later.
     */
    void committed(long first, long next, RangeSet deleting, boolean report, long now, Gaps round) {
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
        gaps.relayed.addAll(round.relayed);
    }

    /** Rows salvaged from a damaged database were committed. */
    void salvaged(RangeSet inserted) {
        for (long[] r : inserted.ranges()) {
            journal.inserted(r[0], r[1]);
        }
        held.addAll(inserted);
        dirty = true;
    }

    /**
     * A checkpoint when one is due (or {@code force}, at close) and anything changed since the
     * last, then a new journal. A failure (disk full) leaves the old journal, which still holds.
     * On a full disk every round ends with one: it lets Derby delete the log files it no longer
     * needs and reuse the pages of evicted rows.
     *
     * @return true when a checkpoint was made
     */
    boolean checkpoint(long now, boolean force) {
        if (!dirty || !force && now - lastCheckpoint < CHECKPOINT_MILLIS) {
            return false;
        }
        lastCheckpoint = now;
        try {
            sql.checkpoint();
            journal.rotate(nextId - 1, held);
            dirty = false;
            return true;
        } catch (SQLException | IOException e) {
            sql.rollback();
            return false;
        }
    }

    void close() {
        journal.close();
    }
}
