package dev.wren.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.wren.store.Outbox;

/**
 * What a database holds, read at open by walking every row of the table and every entry of its
 * index, so a damaged page shows here (and the database is moved aside and salvaged) rather than
 * in a later {@code take}.
 */
final class Contents {

    /** A range of ids deleted without delivery and not yet reported upstream. */
    record Gone(long first, long last, char reason) {
    }

    final long[] count = new long[Ledger.PRIORITIES];
    final long[] bytes = new long[Ledger.PRIORITIES];
    final RangeSet ids = new RangeSet();
    final List<Gone> gone = new ArrayList<>();
    /** Gap reports held: id to payload bytes. */
    final java.util.Map<Long, Integer> notices = new java.util.HashMap<>();
    /** The highest id the database says it committed (table meta), 0 if none. */
    long high;

    static Contents read(Connection c) throws SQLException {
        Contents out = new Contents();
        long rows = 0;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT prio, id, LENGTH(payload),"
                    + " CASE WHEN prio = 0 AND channel = '" + Outbox.CHANNEL_GAPS + "' THEN 1 ELSE 0 END FROM outbox")) {
                while (rs.next()) {
                    int p = rs.getInt(1);
                    if (p < 0 || p >= Ledger.PRIORITIES) {
                        throw new SQLException("a row of priority " + p + " (id " + rs.getLong(2) + ")", "XWREN");
                    }
                    out.count[p]++;
                    out.bytes[p] += rs.getInt(3);
                    out.ids.add(rs.getLong(2));
                    if (rs.getInt(4) == 1) {
                        out.notices.put(rs.getLong(2), rs.getInt(3));
                    }
                    rows++;
                }
            }
            long indexed = 0;
            try (ResultSet rs = s.executeQuery("SELECT prio, id FROM outbox ORDER BY prio, id")) {
                while (rs.next()) {
                    indexed++;
                }
            }
            if (indexed != rows) {
                throw new SQLException("the primary key index holds " + indexed + " rows, the table " + rows, "XWREN");
            }
            try (ResultSet rs = s.executeQuery("SELECT val FROM meta WHERE name = 'high'")) {
                out.high = rs.next() ? rs.getLong(1) : 0;
            }
            try (ResultSet rs = s.executeQuery("SELECT first_id, last_id, reason FROM gone")) {
                while (rs.next()) {
                    out.gone.add(new Gone(rs.getLong(1), rs.getLong(2), rs.getString(3).charAt(0)));
                }
            }
        }
        c.commit();
        out.high = Math.max(out.high, out.ids.high());
        return out;
    }

    long total() {
        return java.util.Arrays.stream(count).sum();
    }
}
