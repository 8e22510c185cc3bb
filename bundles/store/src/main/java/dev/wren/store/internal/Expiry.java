package dev.wren.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sweep that deletes the rows whose time to live ran out, in the round's transaction, when
 * one may have (the ledger knows the earliest expiry); it scans the table, which has no index on
 * expiry, and leaves the ledger the next earliest expiry. Writer thread only.
 */
final class Expiry {

    private final Ledger ledger;
    private final Statements sql;
    private final Victims victims;

    Expiry(Ledger ledger, Statements sql, Victims victims) {
        this.ledger = ledger;
        this.sql = sql;
        this.victims = victims;
    }

    /** @return how many expired rows were deleted; they are appended to {@code picked} */
    int sweep(long now, List<Lease> picked) throws SQLException {
        ledger.lock.lock();
        try {
            if (ledger.earliestExpiry > now) {
                return 0;
            }
        } finally {
            ledger.lock.unlock();
        }
        List<Lease> found = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        try (ResultSet rs = sql.expiring()) {
            while (rs.next()) {
                long expires = rs.getLong(4);
                if (expires <= now) {
                    found.add(new Lease(rs.getLong(2), rs.getInt(1), rs.getInt(3)));
                } else {
                    earliest = Math.min(earliest, expires);
                }
            }
        }
        int n = 0;
        for (Lease l : found) {
            if (victims.claim(l) && sql.deleteOne(l.prio(), l.id()) == 1) {
                picked.add(l);
                n++;
            }
        }
        ledger.lock.lock();
        try {
            ledger.earliestExpiry = earliest;
        } finally {
            ledger.lock.unlock();
        }
        return n;
    }
}
