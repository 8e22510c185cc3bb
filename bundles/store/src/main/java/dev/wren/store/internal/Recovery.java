package dev.wren.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import dev.wren.store.Outbox;

/**
 * What an outbox does between opening its database and accepting messages: salvage the rows of a
 * database that had to be moved aside, compare what is held with what the {@link Journal} says was
 * committed and report any difference as lost (ERROR, event, and ids in the next gaps message),
 * rebuild a damaged id ceiling, choose the next id so the sequence goes on without a jump, then
 * checkpoint and start a new journal.
 */
final class Recovery {

    /**
     * @param next    the next id to hand out
     * @param ids     the id ceiling
     * @param journal the new journal
     * @param gaps    ids deleted or lost and not yet reported upstream
     */
    record Outcome(long next, IdCeiling ids, Journal journal, Gaps gaps, Contents contents) {
    }

    private Recovery() {
    }

    static Outcome run(Path dir, Database db, Reports reports) throws IOException, SQLException {
        Path journalFile = dir.resolve("journal");
        Journal.Facts facts = Journal.read(journalFile);
        Path ceilingFile = dir.resolve("id-ceiling");
        IdCeiling ids = null;
        String ceilingProblem = null;
        try {
            ids = IdCeiling.load(ceilingFile);
        } catch (IOException e) {
            ceilingProblem = e.getMessage();
        }
        long salvagedHigh = 0;
        if (db.movedTo() != null) {
            salvagedHigh = salvage(dir, db, reports);
        }
        Contents contents = db.contents();
        long known = Math.max(Math.max(contents.high, facts.high()), salvagedHigh);
        RangeSet lost = facts.known() ? facts.expected().minus(contents.ids) : new RangeSet();
        long next = known + 1;
        if (facts.problem() != null) {
            reports.report(Reports.Kind.REBUILT, "Outbox journal unreadable (" + facts.problem()
                    + "): messages lost before this start cannot be told; a new journal starts", Map.of());
        }
        if (db.movedTo() != null && !facts.known() && ids != null && ids.value() > next) {
            lost.add(next, ids.value() - 1);
            next = ids.value();
        }
        if (ids == null) {
            ids = IdCeiling.rebuild(ceilingFile, next);
            reports.report(Reports.Kind.REBUILT, "Outbox id ceiling damaged (" + ceilingProblem
                    + "); rebuilt from the database and the journal: next id " + next + ", ceiling " + ids.value(),
                    Map.of());
        }
        Gaps gaps = new Gaps();
        for (Contents.Gone g : contents.gone) {
            gaps.of(g.reason()).add(g.first(), g.last());
        }
        gaps.lost.addAll(lost);
        try (Connection c = db.connect()) {
            try (PreparedStatement high = c.prepareStatement("UPDATE meta SET val = ? WHERE name = 'high'");
                    PreparedStatement gone = c.prepareStatement("INSERT INTO gone (first_id, last_id, reason) VALUES (?, ?, 'L')")) {
                high.setLong(1, next - 1);
                high.executeUpdate();
                for (long[] r : lost.ranges()) {
                    gone.setLong(1, r[0]);
                    gone.setLong(2, r[1]);
                    gone.executeUpdate();
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
            }
            c.commit();
        }
        if (!lost.isEmpty()) {
            String ranges = lost.describe(20);
            String reason = db.movedTo() != null ? "the database was damaged and moved aside; its readable rows were salvaged"
                    : "Derby's recovery did not bring them back (log damaged or missing)";
            reports.report(Reports.Kind.LOST, "Outbox lost " + lost.count() + " committed messages, ids " + ranges
                    + ": " + reason + "; reported upstream on " + Outbox.CHANNEL_GAPS,
                    Map.of(Outbox.EVENT_COUNT, lost.count(), Outbox.EVENT_IDS, ranges, Outbox.EVENT_REASON, reason));
        }
        Journal journal = Journal.start(journalFile, next - 1, contents.ids);
        return new Outcome(next, ids, journal, gaps, contents);
    }

    /** @return the highest id the moved database says it committed, 0 if unknown */
    private static long salvage(Path dir, Database db, Reports reports) throws IOException, SQLException {
        Path aside = db.movedTo();
        try (Connection c = db.connect()) {
            Salvage.Inserter in = new Salvage.Inserter(c, new RangeSet(), Long.MAX_VALUE);
            Salvage.Result r;
            try {
                r = Salvage.read(aside, dir.resolve("salvage.tmp"), in);
                in.flush();
            } catch (Salvage.TargetFailed e) {
                c.rollback();
                throw e.sql();
            } catch (SQLException | IOException e) {
                reports.report(Reports.Kind.SALVAGED, "Outbox could not read anything back from " + aside + ": "
                        + (e instanceof SQLException s ? Database.describe(s) : e.toString()), Map.of());
                return 0;
            }
            reports.report(Reports.Kind.SALVAGED, "Outbox salvaged " + in.inserted.count() + " messages from " + aside
                    + (r.withLog() ? "" : " (booted without its damaged log, as of its last checkpoint)")
                    + (r.holes() > 0 ? "; " + r.holes() + " id ranges unreadable" : "")
                    + "; the directory stays where it is", Map.of());
            db.rescan();
            return r.high();
        }
    }
}
