package dev.wren.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.wren.store.Message;
import dev.wren.store.Stored;

/**
 * take's side of the database: its own connection, reading without locks but never past the
 * highest committed id, so it sees no row the writer has not committed and never waits for it.
 * Rows in flight or being deleted are skipped by the ledger; rows past their time to live are
 * handed to the writer for deletion.
 */
final class Reader {

    private final Database db;
    private final Ledger ledger;
    private Connection conn;
    private PreparedStatement select;

    Reader(Database db, Ledger ledger) {
        this.db = db;
        this.ledger = ledger;
    }

    /**
     * Reads up to {@code max} takeable messages of priority {@code prio} with ids in
     * ({@code after}, {@code high}] and leases them into {@code out}.
     *
     * @return the last id read, or {@code after} when none was
     */
    long read(int prio, long after, long high, int max, List<Stored> out) throws SQLException {
        connection();
        select.setInt(1, prio);
        select.setLong(2, after);
        select.setLong(3, high);
        select.setMaxRows(max);
        List<Stored> rows = new ArrayList<>(max);
        long[] expires = new long[max];
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                long created = rs.getLong(2);
                long exp = rs.getLong(3);
                expires[rows.size()] = exp;
                rows.add(new Stored(rs.getLong(1), created, new Message(rs.getString(4),
                        rs.getBytes(5), prio, exp == 0 ? 0 : exp - created, Origins.decode(rs.getString(6)))));
            }
        }
        if (rows.isEmpty()) {
            return after;
        }
        long now = System.currentTimeMillis();
        ledger.lock.lock();
        try {
            for (int i = 0; i < rows.size(); i++) {
                Stored s = rows.get(i);
                if (ledger.inFlight.containsKey(s.id()) || ledger.deleting.contains(s.id())) {
                    continue;
                }
                Lease l = new Lease(s.id(), prio, s.message().payload().length);
                if (expires[i] != 0 && expires[i] <= now) {
                    ledger.expiredOnTake(l);
                } else {
                    ledger.lease(l);
                    out.add(s);
                }
            }
        } finally {
            ledger.lock.unlock();
        }
        return rows.get(rows.size() - 1).id();
    }

    private void connection() throws SQLException {
        if (conn != null && !conn.isClosed()) {
            return;
        }
        close();
        conn = db.connect();
        conn.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        conn.setAutoCommit(true);
        select = conn.prepareStatement("SELECT id, created, expires, channel, payload, origin FROM outbox"
                + " WHERE prio = ? AND id > ? AND id <= ? ORDER BY prio, id");
    }

    void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // already closed by Derby
            }
            conn = null;
        }
    }
}
