package dev.wren.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * When the oldest message of a priority was stored: the first row of the priority on the primary
 * key, read on a connection of its own without locks. For status views; a failure reads as 0.
 */
final class Ages {

    private final Database db;
    private Connection conn;
    private PreparedStatement first;

    Ages(Database db) {
        this.db = db;
    }

    /** @return the oldest {@code created} of {@code prio}, 0 when none or unreadable */
    synchronized long oldest(int prio) {
        try {
            if (conn == null || conn.isClosed()) {
                conn = db.connect();
                conn.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                conn.setAutoCommit(true);
                first = conn.prepareStatement("SELECT created FROM outbox WHERE prio = ? ORDER BY prio, id");
                first.setMaxRows(1);
            }
            first.setInt(1, prio);
            try (ResultSet rs = first.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            close();
            return 0;
        }
    }

    synchronized void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // the database is shutting down
            }
            conn = null;
        }
    }
}
