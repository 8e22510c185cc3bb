package dev.wren.store;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A durable, bounded, prioritised queue of messages waiting to leave the gateway, provided by
 * Wren's store (one per gateway).
 *
 * <p><b>Producers</b> call {@link #put}; it blocks until the message is durable (it survives
 * power loss and {@code kill -9}), so many producers share one disk flush (group commit): call it
 * from as many threads as there are sources, not from one thread in a loop.
 *
 * <p><b>The drainer</b> (one at a time: the uplink) calls {@link #take} for the next messages,
 * most urgent priority first and in acceptance order within a priority, and then for each
 * message either {@link #acknowledge} (the broker has it: the outbox forgets it) or
 * {@link #release} (not delivered: it is taken again later, counted as resent). A message taken
 * and never acknowledged (the drainer or the process died) is taken again after a restart.
 *
 * <p>Events on {@value #TOPIC_DATABASE_MOVED} (properties {@value #EVENT_PATH},
 * {@value #EVENT_MOVED_TO}, {@value #EVENT_REASON}) report a database that could not be opened
 * and was moved aside, never deleted, before a new one was started.
 *
 * <p><b>Ids are a sequence</b> (since 1.1): the outbox numbers the messages it accepts 1, 2, 3...
 * without gaps, also across restarts. An id that never reaches the cloud was either reported in
 * a life-cycle message on channel {@value #CHANNEL_GAPS} (priority {@link Message#HIGHEST}):
 * {@code {"evicted":[[3,7]],"expired":[[9,9]],"lost":[[20,25]]}}, ranges of ids, kinds without
 * ids left out; or it is still waiting in the outbox. Since 1.3 a fourth kind, {@code "relayed"},
 * lists the ids given to messages relayed here for another gateway ({@link Message#origin()}): they
 * reach the cloud under that gateway's id and in its sequence, so this gateway reports them as soon
 * as they are stored. A consumer that sees neither has found a
 * silent loss. Evicted and expired ids are reported within seconds of going; lost ones (storage
 * damage found at recovery) when the outbox opens, together with an event on
 * {@value #TOPIC_MESSAGES_LOST} (properties {@value #EVENT_COUNT}, {@value #EVENT_IDS},
 * {@value #EVENT_REASON}) and an ERROR in the log.
 *
 * <p>Threading: all methods are safe to call from any thread.
 */
@ProviderType
public interface Outbox {

    /** EventAdmin topic: the database could not be opened and was moved aside. */
    String TOPIC_DATABASE_MOVED = "dev/wren/store/DATABASE_MOVED";
    /** Event property: the database's path. */
    String EVENT_PATH = "path";
    /** Event property: where the unreadable database now is. */
    String EVENT_MOVED_TO = "moved.to";
    /** Event property: why it could not be opened, or why messages were lost, in words. */
    String EVENT_REASON = "reason";
    /** EventAdmin topic: after recovery, messages committed before were missing (since 1.1). */
    String TOPIC_MESSAGES_LOST = "dev/wren/store/MESSAGES_LOST";
    /** Event property of {@value #TOPIC_MESSAGES_LOST}: how many, a Long. */
    String EVENT_COUNT = "count";
    /** Event property of {@value #TOPIC_MESSAGES_LOST}: their ids as ranges, {@code 3-7, 12}. */
    String EVENT_IDS = "ids";
    /** The channel of the life-cycle messages that report ids deleted or lost without delivery (since 1.1). */
    String CHANNEL_GAPS = "outbox/gaps";

    /**
     * Stores a message durably.
     *
     * @return the message's id: unique on this gateway, the next number of its sequence, never reused
     * @throws OutboxException refused ({@link OutboxException.Reason#INVALID},
     *         {@link OutboxException.Reason#TOO_LARGE}, {@link OutboxException.Reason#FULL}) or
     *         not stored ({@link OutboxException.Reason#STORAGE},
     *         {@link OutboxException.Reason#CLOSED}); the message is then not in the outbox
     * @throws InterruptedException interrupted while waiting for the disk; the message may or may
     *         not have been stored
     */
    long put(Message message) throws OutboxException, InterruptedException;

    /**
     * Takes up to {@code max} messages that are neither in flight nor expired, most urgent first,
     * waiting up to {@code timeout} for the first one. They stay stored and in flight until
     * acknowledged or released.
     *
     * @return the messages, possibly empty when the wait timed out, never null
     * @throws OutboxException the outbox is closed or its storage failed
     */
    List<Stored> take(int max, long timeout, TimeUnit unit)
            throws OutboxException, InterruptedException;

    /**
     * The message was delivered: forget it. Cheap and non-blocking (removals are batched); an id
     * that is not in flight is ignored.
     */
    void acknowledge(long id);

    /** The message was not delivered: make it available to {@link #take} again. */
    void release(long id);

    /** @return counters and content, never null */
    OutboxStats stats();

    /**
     * Reads how many messages each priority holds and how old the oldest is: for status views,
     * not the data path. Cheap (one indexed row per priority); an age that could not be read is 0.
     *
     * @return never null
     * @since 1.2
     */
    Backlog backlog();
}
