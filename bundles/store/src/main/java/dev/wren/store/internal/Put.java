package dev.wren.store.internal;

import java.util.concurrent.CountDownLatch;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;

/** One producer's message waiting for the writer's next commit. */
final class Put {

    final Message message;
    final long created;
    private final CountDownLatch done = new CountDownLatch(1);
    private long id;
    private OutboxException error;

    Put(Message message, long created) {
        this.message = message;
        this.created = created;
    }

    void stored(long assigned) {
        id = assigned;
        done.countDown();
    }

    void failed(OutboxException e) {
        error = e;
        done.countDown();
    }

    long await() throws OutboxException, InterruptedException {
        done.await();
        if (error != null) {
            throw new OutboxException(error.reason(), error.getMessage(), error.getCause());
        }
        return id;
    }
}
