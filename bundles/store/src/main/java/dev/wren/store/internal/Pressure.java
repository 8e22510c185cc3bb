package dev.wren.store.internal;

import java.sql.SQLException;
import java.util.Map;

/**
 * The writer's state on a full disk. The first write that fails for want of space deletes the
 * {@link Reserve}, reports the disk full at ERROR (once per episode) and caps the payload bytes
 * held at what is held plus a sixteenth of the reserve (the rest is room for Derby's log, which
 * holds each row twice, and pages); each later failure lowers the cap to nine tenths of what is held. Above the cap every
 * put evicts a less urgent message (never priority 0) in its own transaction, and Derby reuses
 * the freed pages. Once a second the file system is asked for room: when the reserve and a
 * margin fit again it is written back, the cap lifted and the recovery reported. Writer thread
 * only.
 */
final class Pressure {

    static final long CHECK_MILLIS = 1_000;

    private final Reserve reserve;
    private final Reports reports;
    private boolean active;
    private long capCount;
    private long capBytes;
    private long since;
    private long nextCheck;
    private long refused;

    Pressure(Reserve reserve, Reports reports) {
        this.reserve = reserve;
        this.reports = reports;
    }

    boolean active() {
        return active;
    }

    long capCount(long maxCount) {
        return active ? Math.min(maxCount, capCount) : maxCount;
    }

    long capBytes(long maxBytes) {
        return active ? Math.min(maxBytes, capBytes) : maxBytes;
    }

    /**
     * A write failed: if for want of space, enter the full-disk mode.
     *
     * @return true when the reserve was released, so the write is worth trying again
     */
    boolean failed(Exception e, long heldCount, long heldBytes) {
        if (!noSpace(e)) {
            return false;
        }
        boolean released = reserve.release();
        if (!active) {
            active = true;
            since = System.currentTimeMillis();
            capCount = Long.MAX_VALUE;
            capBytes = heldBytes + reserve.bytes() / 16;
            refused = 0;
            reports.report(Reports.Kind.DISK_FULL, "Outbox disk full (" + describe(e) + "): "
                    + (released ? "released the " + (reserve.bytes() >> 10) + " KiB reserve; " : "no reserve left; ")
                    + "holding at most " + (capBytes >> 10) + " KiB of messages now (" + heldCount + " held), beyond"
                    + " that each new one evicts a less urgent one (priority 0 never); refused puts are counted, not"
                    + " logged, until there is room again", Map.of());
            return true;
        }
        long before = capBytes;
        capBytes = Math.min(capBytes, heldBytes - heldBytes / 10);
        capCount = Math.min(capCount, heldCount - heldCount / 10);
        return released || capBytes < before;
    }

    /** A put was refused while the disk is full. */
    void refused(int n) {
        refused += n;
    }

    /** @return true when the disk has room again (checked at most once a second); the reserve is back */
    boolean roomAgain(long now) {
        if (!active || now < nextCheck) {
            return false;
        }
        nextCheck = now + CHECK_MILLIS;
        if (!reserve.ensure()) {
            return false;
        }
        active = false;
        reports.report(Reports.Kind.RECOVERED, "Outbox disk has room again after " + (now - since) / 1000
                + " s (" + (reserve.usable() >> 10) + " KiB free); reserve restored; " + refused
                + " puts were refused meanwhile", Map.of());
        return true;
    }

    /** @return whether {@code e} says the disk is full, or the file system has less than the reserve left */
    boolean noSpace(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left") || m.contains("Cannot flush the log")
                    || m.contains("log is full") || m.contains("space"))) {
                return true;
            }
            if (t instanceof SQLException s && s.getNextException() != null && noSpace(s.getNextException())) {
                return true;
            }
        }
        long usable = reserve.usable();
        return usable >= 0 && usable < reserve.bytes() + Reserve.MARGIN;
    }

    private static String describe(Exception e) {
        return e instanceof SQLException s ? Database.describe(s) : String.valueOf(e.getMessage());
    }
}
