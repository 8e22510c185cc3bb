package dev.wren.uplink.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.store.internal.OutboxLimits;

/** Real outboxes for tests: Wren's Derby outbox in a directory, filled by many producers. */
final class Outboxes {

    private Outboxes() {
    }

    static DerbyOutbox open(Path dir) throws OutboxException {
        return DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Puts the messages from {@code producers} threads (puts block for the disk); @return their ids, in order */
    static long[] putAll(Outbox outbox, List<Message> messages, int producers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<Future<Long>> ids = new ArrayList<>(messages.size());
            for (Message m : messages) {
                ids.add(pool.submit(() -> outbox.put(m)));
            }
            long[] out = new long[ids.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.get(i).get();
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
