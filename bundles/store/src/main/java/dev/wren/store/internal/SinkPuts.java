package dev.wren.store.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.log.Logger;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;

/**
 * A sink's puts: a message the outbox refuses is dropped and logged, the first refusal at WARN
 * and then only at the 2nd, 4th, 8th... so a full outbox cannot flood the log. The caller's
 * thread waits for the disk.
 */
final class SinkPuts {

    private final AtomicLong refused = new AtomicLong();

    /** @param what what the message holds, for the log: "a reading", "an insight" */
    void put(Outbox outbox, Logger log, String what, Message message) {
        try {
            outbox.put(message);
        } catch (OutboxException e) {
            long n = refused.incrementAndGet();
            if (n == 1 || Long.bitCount(n) == 1) {
                log.warn("Outbox refused {} on {} ({} refused so far): {}", what, message.channel(), n, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
