package dev.wren.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;

/**
 * The writer's connection and every statement it runs. {@link #connection()} opens the connection
 * again when Derby closed it, prepares the statements anew and then runs the {@code opened}
 * callback. No statement commits except {@link #commit()} and {@link #checkpoint()}. Writer thread
 * only.
 */
final class Statements {

    /** Rows per INSERT statement, largest first: one statement of many rows costs far less per row. */
    private static final int[] CHUNKS = {32, 8, 1};
    private static final int VICTIM_BATCH = 64;

    private final Database db;
    private final Runnable opened;
    private final long[] ranges = new long[2 * ((Ledger.ACK_FLUSH * 4) + Writer.MAX_GROUP)];
    private Connection conn;
    private final PreparedStatement[] inserts = new PreparedStatement[CHUNKS.length];
    private PreparedStatement deleteOne;
    private PreparedStatement deleteRange;
    private PreparedStatement selectVictims;
    private PreparedStatement selectExpiring;
    private PreparedStatement updateHigh;
    private PreparedStatement insertGone;
    private PreparedStatement clearGone;

    Statements(Database db, Runnable opened) {
        this.db = db;
        this.opened = opened;
    }

    /** @return the open connection, opened (and the statements prepared) again if it was closed */
    Connection connection() throws SQLException {
        if (conn != null && !conn.isClosed()) {
            return conn;
        }
        close();
        conn = db.connect();
        for (int i = 0; i < inserts.length; i++) {
            inserts[i] = conn.prepareStatement("INSERT INTO outbox (prio, id, created, expires, channel, payload, origin)"
                    + " VALUES " + String.join(", ", Collections.nCopies(CHUNKS[i], "(?, ?, ?, ?, ?, ?, ?)")));
        }
        deleteOne = conn.prepareStatement("DELETE FROM outbox WHERE prio = ? AND id = ?");
        deleteRange = conn.prepareStatement("DELETE FROM outbox WHERE prio = ? AND id BETWEEN ? AND ?");
        selectVictims = conn.prepareStatement(
                "SELECT id, LENGTH(payload) FROM outbox WHERE prio = ? AND id > ? ORDER BY prio, id");
        selectVictims.setMaxRows(VICTIM_BATCH);
        selectExpiring = conn.prepareStatement(
                "SELECT prio, id, LENGTH(payload), expires FROM outbox WHERE expires > 0");
        updateHigh = conn.prepareStatement("UPDATE meta SET val = ? WHERE name = 'high'");
        insertGone = conn.prepareStatement("INSERT INTO gone (first_id, last_id, reason) VALUES (?, ?, ?)");
        clearGone = conn.prepareStatement("DELETE FROM gone");
        opened.run();
        return conn;
    }

    void commit() throws SQLException {
        conn.commit();
    }

    void rollback() {
        try {
            if (conn != null && !conn.isClosed()) {
                conn.rollback();
            }
        } catch (SQLException ignored) {
            close();
        }
    }

    void close() {
        if (conn == null) {
            return;
        }
        try {
            conn.rollback();
            conn.close();
        } catch (SQLException ignored) {
            // a connection Derby already closed (the database shut itself down on an I/O error)
        }
        conn = null;
    }

    /** Writes every page to disk and commits, so that Derby may drop the log before it. */
    void checkpoint() throws SQLException {
        connection();
        try (java.sql.Statement s = conn.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
        }
        conn.commit();
    }

    /** Fails when the database cannot even be read. */
    void probe() throws SQLException {
        connection();
        try (java.sql.Statement s = conn.createStatement()) {
            s.executeQuery("VALUES 1").close();
        }
    }

    /** Inserts the accepted puts, as many rows per statement as {@link #CHUNKS} allow. */
    void insert(List<Put> group, long[] assigned, OutboxException[] refused, int accepted) throws SQLException {
        int i = 0;
        int left = accepted;
        for (int c = 0; c < CHUNKS.length; c++) {
            while (left >= CHUNKS[c]) {
                PreparedStatement st = inserts[c];
                int k = 1;
                for (int row = 0; row < CHUNKS[c]; row++, i++) {
                    while (refused[i] != null) {
                        i++;
                    }
                    Put put = group.get(i);
                    Message m = put.message;
                    st.setShort(k++, (short) m.priority());
                    st.setLong(k++, assigned[i]);
                    st.setLong(k++, put.created);
                    st.setLong(k++, m.ttlMillis() == 0 ? 0 : put.created + m.ttlMillis());
                    st.setString(k++, m.channel());
                    st.setBytes(k++, m.payload());
                    st.setString(k++, Origins.encode(m.origin()));
                }
                st.executeUpdate();
                left -= CHUNKS[c];
            }
        }
    }

    void insertNotice(long id, long now, byte[] payload) throws SQLException {
        PreparedStatement st = inserts[inserts.length - 1];
        st.setShort(1, (short) Message.HIGHEST);
        st.setLong(2, id);
        st.setLong(3, now);
        st.setLong(4, 0);
        st.setString(5, Outbox.CHANNEL_GAPS);
        st.setBytes(6, payload);
        st.setString(7, null);
        st.executeUpdate();
    }

    /** Deletes the rows of {@code deletes}, one statement per run of consecutive ids of one priority. */
    void delete(List<Lease> deletes) throws SQLException {
        if (deletes.isEmpty()) {
            return;
        }
        long[] keys = new long[deletes.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Ranges.key(deletes.get(i).prio(), deletes.get(i).id());
        }
        long[] pairs = ranges.length >= 2 * keys.length ? ranges : new long[2 * keys.length];
        int n = Ranges.runs(keys, keys.length, pairs);
        for (int i = 0; i < n; i++) {
            int prio = Ranges.prio(pairs[2 * i]);
            long first = Ranges.id(pairs[2 * i]);
            long last = Ranges.id(pairs[2 * i + 1]);
            if (first == last) {
                deleteOne(prio, first);
            } else {
                deleteRange.setInt(1, prio);
                deleteRange.setLong(2, first);
                deleteRange.setLong(3, last);
                deleteRange.executeUpdate();
            }
        }
    }

    /** @return 1 when the row was deleted, 0 when it was not there */
    int deleteOne(int prio, long id) throws SQLException {
        deleteOne.setInt(1, prio);
        deleteOne.setLong(2, id);
        return deleteOne.executeUpdate();
    }

    /** At most {@value #VICTIM_BATCH} rows of priority {@code prio} after id {@code after}: id, size. */
    ResultSet victims(int prio, long after) throws SQLException {
        selectVictims.setInt(1, prio);
        selectVictims.setLong(2, after);
        return selectVictims.executeQuery();
    }

    /** Every row with a time to live: prio, id, size, expires. */
    ResultSet expiring() throws SQLException {
        return selectExpiring.executeQuery();
    }

    /** Table meta: the highest id handed out. */
    void updateHigh(long high) throws SQLException {
        updateHigh.setLong(1, high);
        updateHigh.executeUpdate();
    }

    /** Table gone: the ranges of ids deleted without delivery in this round, and those given to relayed messages. */
    void recordGone(Gaps round) throws SQLException {
        for (char reason : new char[] {Gaps.EVICTED, Gaps.EXPIRED, Gaps.RELAYED}) {
            for (long[] r : round.of(reason).ranges()) {
                insertGone.setLong(1, r[0]);
                insertGone.setLong(2, r[1]);
                insertGone.setString(3, String.valueOf(reason));
                insertGone.executeUpdate();
            }
        }
    }

    /** Table gone emptied: every gap was reported. */
    void clearGone() throws SQLException {
        clearGone.executeUpdate();
    }
}
