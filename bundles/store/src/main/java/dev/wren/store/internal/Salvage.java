package dev.wren.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Reads what is readable of a damaged outbox database, never changing it: the directory is
 * copied to a scratch place, the copy is booted (and, when Derby cannot boot it, booted again
 * without its log files, from the data pages alone, as of the last checkpoint), and its rows are
 * read by a table scan and then, when a page is unreadable, by primary-key ranges that are halved
 * until the unreadable rows are isolated. Every readable row is handed to a {@link Sink} (a row
 * may come twice); the scratch copy is deleted afterwards.
 */
final class Salvage {

    /** A row of the outbox table. */
    record Row(int prio, long id, long created, long expires, String channel, byte[] payload, String origin) {
    }

    /** Receives salvaged rows; a failure to store one is thrown as {@link TargetFailed}. */
    interface Sink {
        void accept(Row row);
    }

    /** The outbox receiving salvaged rows could not store one (disk full): salvage stops. */
    static final class TargetFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TargetFailed(SQLException cause) {
            super(cause);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }

    /**
     * @param rows     rows read (a row read twice counts once)
     * @param high     the highest id the damaged database says it committed (table meta), 0 if unknown
     * @param withLog  false when it could be booted only without its log
     * @param holes    id ranges that could not be read (per priority; an id there may or may not have existed)
     */
    record Result(long rows, long high, boolean withLog, int holes) {
    }

    /** Failed range reads after which the rest of a damaged region is given up. */
    private static final int BUDGET = 20_000;
    private static final String COLUMNS = "SELECT prio, id, created, expires, channel, payload, origin FROM outbox";
    /** A database made before store 1.3 has no origin column: every row is this gateway's. */
    private static final String OLD_COLUMNS = "SELECT prio, id, created, expires, channel, payload, "
            + "CAST(NULL AS VARCHAR(" + Origins.WIDTH + ")) FROM outbox";

    private Salvage() {
    }

    /**
     * @param damaged a Derby database directory (it is only read)
     * @param scratch a path that does not exist yet, on a file system with room for a copy
     * @throws SQLException when not even the copy without its log can be booted
     */
    static Result read(Path damaged, Path scratch, Sink sink) throws SQLException, IOException {
        if (!Files.isRegularFile(damaged.resolve("service.properties"))) {
            throw new IOException(damaged + " is not a Derby database (no service.properties)");
        }
        delete(scratch);
        copy(damaged, scratch);
        String url = "jdbc:derby:" + scratch.toAbsolutePath();
        try {
            boolean[] withLog = {true};
            try (Connection c = boot(url, scratch, withLog)) {
                c.setAutoCommit(true);
                RangeSet seen = new RangeSet();
                long high = 0;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT val FROM meta WHERE name = 'high'")) {
                    high = rs.next() ? rs.getLong(1) : 0;
                } catch (SQLException noMeta) {
                    // an older database or a damaged page: the rows say what they can
                }
                int holes = 0;
                String columns = columns(c);
                try {
                    scan(c, columns, seen, sink);
                } catch (SQLException pageDamage) {
                    if (pageDamage.getSQLState() != null && pageDamage.getSQLState().startsWith("42")) {
                        throw pageDamage;
                    }
                    long top = Math.max(high, seen.high()) > 0 ? Math.max(high, seen.high()) + 1024 : Long.MAX_VALUE / 2;
                    int[] budget = {BUDGET};
                    for (int p = 0; p < Ledger.PRIORITIES; p++) {
                        holes += ranges(c, columns, p, 0, top, seen, sink, budget);
                    }
                }
                return new Result(seen.count(), Math.max(high, seen.high()), withLog[0], holes);
            }
        } finally {
            shutdown(url);
            delete(scratch);
        }
    }

    /** Boots the copy, or else the copy without its log files (Derby starts a new log from the data pages). */
    private static Connection boot(String url, Path scratch, boolean[] withLog) throws SQLException, IOException {
        try {
            return Database.driver().connect(url, new Properties());
        } catch (SQLException e) {
            shutdown(url);
            withLog[0] = false;
            try (Stream<Path> logs = Files.list(scratch.resolve("log"))) {
                for (Path f : logs.filter(f -> !f.getFileName().toString().startsWith("README")).toList()) {
                    Files.delete(f);
                }
            }
            return Database.driver().connect(url, new Properties());
        }
    }

    private static String columns(Connection c) throws SQLException {
        return Database.hasOrigin(c) ? COLUMNS : OLD_COLUMNS;
    }

    /** Reads ids [from, to] of one priority, halving ranges that fail; @return unreadable ranges */
    private static int ranges(Connection c, String columns, int prio, long from, long to, RangeSet seen, Sink sink, int[] budget)
            throws SQLException {
        try {
            scan(c, columns + " WHERE prio = " + prio + " AND id BETWEEN " + from + " AND " + to, seen, sink);
            return 0;
        } catch (SQLException damaged) {
            if (from == to || --budget[0] <= 0) {
                return 1;
            }
            long mid = from + (to - from) / 2;
            return ranges(c, columns, prio, from, mid, seen, sink, budget)
                    + ranges(c, columns, prio, mid + 1, to, seen, sink, budget);
        }
    }

    private static void scan(Connection c, String sql, RangeSet seen, Sink sink) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Row r = new Row(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getBytes(6), rs.getString(7));
                if (r.prio() >= 0 && r.prio() < Ledger.PRIORITIES && r.id() > 0 && !seen.contains(r.id())) {
                    seen.add(r.id());
                    sink.accept(r);
                }
            }
        }
    }

    /**
     * Inserts salvaged rows into an outbox table, committing every {@value #BATCH}; skips ids in
     * {@code skip} (already held) and ids above {@code maxId}. What it counts is committed.
     */
    static final class Inserter implements Sink {

        static final int BATCH = 500;
        private final Connection c;
        private final PreparedStatement insert;
        private final RangeSet skip;
        private final long maxId;
        final RangeSet inserted = new RangeSet();
        final long[] count = new long[Ledger.PRIORITIES];
        final long[] bytes = new long[Ledger.PRIORITIES];
        long above;
        /** (priority, payload bytes) of the rows inserted since the last commit. */
        private final java.util.List<int[]> pending = new java.util.ArrayList<>();
        private final RangeSet pendingIds = new RangeSet();

        Inserter(Connection c, RangeSet skip, long maxId) throws SQLException {
            this.c = c;
            this.skip = skip;
            this.maxId = maxId;
            this.insert = c.prepareStatement("INSERT INTO outbox (prio, id, created, expires, channel, payload, origin)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        }

        @Override
        public void accept(Row r) {
            try {
                insert(r);
            } catch (SQLException e) {
                throw new TargetFailed(e);
            }
        }

        private void insert(Row r) throws SQLException {
            if (skip.contains(r.id()) || inserted.contains(r.id()) || pendingIds.contains(r.id())) {
                return;
            }
            if (r.id() > maxId) {
                above++;
                return;
            }
            insert.setShort(1, (short) r.prio());
            insert.setLong(2, r.id());
            insert.setLong(3, r.created());
            insert.setLong(4, r.expires());
            insert.setString(5, r.channel());
            insert.setBytes(6, r.payload());
            insert.setString(7, r.origin());
            insert.executeUpdate();
            pending.add(new int[] {r.prio(), r.payload().length});
            pendingIds.add(r.id());
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        /** Commits what is pending and counts it. */
        void flush() throws SQLException {
            c.commit();
            for (int[] r : pending) {
                count[r[0]]++;
                bytes[r[0]] += r[1];
            }
            inserted.addAll(pendingIds);
            pending.clear();
            pendingIds.clear();
        }
    }

    private static void shutdown(String url) {
        try {
            Database.driver().connect(url + ";shutdown=true", new Properties());
        } catch (SQLException expected) {
            // 08006: shut down, or never booted
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("db.lck") || name.equals("dbex.lck")) {
                    continue;
                }
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
