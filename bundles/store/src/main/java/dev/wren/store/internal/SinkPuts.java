package dev.wren.store.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.log.Logger;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;

/**
 * A sink's puts: a message the outbox refuses is dropped and logged, the first refusal of a run of
 * refusals at ERROR and the rest at DEBUG, so a full disk or outbox cannot flood the log; the
 * first put accepted after a run says at INFO how many were refused. The caller's thread waits
 * for the disk.
 */
final class SinkPuts {

    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong inRun = new AtomicLong();

    /** @param what what the message holds, for the log: "a reading", "an insight" */
    void put(Outbox outbox, Logger log, String what, Message message) {
        try {
            outbox.put(message);
            long run = inRun.getAndSet(0);
            if (run > 0) {
                log.info("Outbox accepts {} again after refusing {} in a row", what, run);
            }
        } catch (OutboxException e) {
            long n = refused.incrementAndGet();
            if (inRun.incrementAndGet() == 1) {
                log.error("Outbox refused {} on {} ({} refused so far; further refusals at DEBUG until one is"
                        + " accepted): {}", what, message.channel(), n, e.getMessage());
            } else {
                log.debug("Outbox refused {} on {} ({} refused so far): {}", what, message.channel(), n, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
