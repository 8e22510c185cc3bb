package dev.wren.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;

import dev.wren.store.Message;

/**
 * The rows a put over the limits may evict, read from the table a batch per priority at a time
 * and cached, and the claim on a row about to be deleted without delivery (evicted or expired),
 * which takes it from the takeable ones. The caches are dropped whenever a transaction rolls back
 * or the connection is opened again. Writer thread only.
 */
final class Victims {

    private final Ledger ledger;
    private final Statements sql;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Lease>[] cached = new ArrayDeque[Ledger.PRIORITIES];
    private final long[] cursor = new long[Ledger.PRIORITIES];

    Victims(Ledger ledger, Statements sql) {
        this.ledger = ledger;
        this.sql = sql;
        for (int p = 0; p < cached.length; p++) {
            cached[p] = new ArrayDeque<>();
        }
    }

    void clear() {
        for (ArrayDeque<Lease> q : cached) {
            q.clear();
        }
    }

    /**
     * The oldest message that may make room for one of priority {@code prio}: of the least urgent
     * priority held, never more urgent than {@code prio} and never {@link Message#HIGHEST}, not in
     * flight. Deleted here, in the open transaction.
     */
    Lease victim(int prio) throws SQLException {
        for (int q = Message.LOWEST; q >= Math.max(prio, Message.HIGHEST + 1); q--) {
            Lease v;
            while ((v = next(q)) != null) {
                if (sql.deleteOne(q, v.id()) == 1) {
                    return v;
                }
                ledger.lock.lock();
                try {
                    ledger.deleting.remove(v.id());
                    ledger.takeable[q]++;
                } finally {
                    ledger.lock.unlock();
                }
            }
        }
        return null;
    }

    private Lease next(int q) throws SQLException {
        ArrayDeque<Lease> cache = cached[q];
        for (int refill = 0; refill < 2; refill++) {
            while (!cache.isEmpty()) {
                Lease v = cache.poll();
                cursor[q] = v.id();
                if (claim(v)) {
                    return v;
                }
            }
            try (ResultSet rs = sql.victims(q, cursor[q])) {
                while (rs.next()) {
                    cache.add(new Lease(rs.getLong(1), q, rs.getInt(2)));
                }
            }
            if (cache.isEmpty()) {
                if (cursor[q] == 0) {
                    return null;
                }
                cursor[q] = 0;
            }
        }
        return null;
    }

    /** Marks a row as being deleted unless it is in flight or already going. */
    boolean claim(Lease l) {
        ledger.lock.lock();
        try {
            if (ledger.inFlight.containsKey(l.id()) || ledger.deleting.contains(l.id())) {
                return false;
            }
            ledger.deleting.add(l.id());
            ledger.takeable[l.prio()]--;
            return true;
        } finally {
            ledger.lock.unlock();
        }
    }
}
