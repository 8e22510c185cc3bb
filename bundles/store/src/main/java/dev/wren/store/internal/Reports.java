package dev.wren.store.internal;

import java.util.Map;

/**
 * Where an outbox tells what went wrong with its storage and what it did about it. The service
 * logs each kind at its level and posts the ones with a topic to EventAdmin; tests collect them.
 * Called from the opening thread or the writer thread; must not block.
 */
interface Reports {

    /** What happened. */
    enum Kind {
        /** ERROR: the database could not be opened and was moved aside (then salvaged). */
        MOVED_ASIDE,
        /** WARN: rows of a moved-aside database were read back into the outbox. */
        SALVAGED,
        /** ERROR: messages committed before were not found after recovery. */
        LOST,
        /** WARN: a file beside the database was damaged and rebuilt, or could not be checked. */
        REBUILT,
        /** ERROR: the disk is full; reported once per episode. */
        DISK_FULL,
        /** INFO: the disk has room again, or the database was booted again after a storage failure. */
        RECOVERED
    }

    /** Nobody to tell. */
    Reports NONE = (kind, message, properties) -> { };

    /**
     * @param message    one line, complete (counts, ranges, paths)
     * @param properties for the event: see the topics of {@link dev.wren.store.Outbox}
     */
    void report(Kind kind, String message, Map<String, Object> properties);
}
