package dev.wren.peer;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster of gateways as this gateway knows it, a service provided by Wren's gossip bundle (one
 * per gateway).
 *
 * <p><b>Reading.</b> {@link #self()}, {@link #members()} and {@link #member(String)} return
 * snapshots; they do not change afterwards. A member's state is written only by that member (its
 * owner), so there is never a conflict to resolve: the owner's latest write wins everywhere, usually
 * within a few gossip rounds (seconds on a LAN), at the latest after an anti-entropy exchange.
 *
 * <p><b>Writing.</b> {@link #publish} and {@link #remove} change this gateway's own state only. Keep
 * it small and slowly changing: a key of at most {@value #MAX_KEY_BYTES} UTF-8 bytes, a value of at
 * most {@value #MAX_VALUE_BYTES}, and all keys and values together at most
 * {@value #MAX_STATE_BYTES}, so that the whole state fits in one packet. Publish a load figure
 * rounded, not every reading.
 *
 * <p><b>Events</b> (EventAdmin, asynchronous, in order per member) carry {@value #EVENT_ID},
 * {@value #EVENT_ADDRESS}, {@value #EVENT_STATUS} (the {@link Member.Status} name) and
 * {@value #EVENT_INCARNATION} (Long); {@value #TOPIC_STATE_CHANGED} adds {@value #EVENT_KEYS}
 * (String[], the keys written or removed). No event is posted about this gateway's own status.
 *
 * <p>Threading: all methods are safe to call from any thread and return without blocking on the
 * network.
 */
@ProviderType
public interface PeerDirectory {

    /** EventAdmin topic: a member appeared, or came back after being dead or having left. */
    String TOPIC_JOINED = "dev/wren/peer/JOINED";
    /** EventAdmin topic: a member is suspected of having failed. */
    String TOPIC_SUSPECT = "dev/wren/peer/SUSPECT";
    /** EventAdmin topic: a suspected member refuted the suspicion and is alive again. */
    String TOPIC_ALIVE = "dev/wren/peer/ALIVE";
    /** EventAdmin topic: a member was declared dead. */
    String TOPIC_DEAD = "dev/wren/peer/DEAD";
    /** EventAdmin topic: a member left on purpose. */
    String TOPIC_LEFT = "dev/wren/peer/LEFT";
    /** EventAdmin topic: a member's state changed (this gateway's own included). */
    String TOPIC_STATE_CHANGED = "dev/wren/peer/STATE_CHANGED";

    /** Event property: the member's id. */
    String EVENT_ID = "peer.id";
    /** Event property: the member's address, {@code host:port}. */
    String EVENT_ADDRESS = "peer.address";
    /** Event property: the member's status name. */
    String EVENT_STATUS = "peer.status";
    /** Event property: the member's incarnation (Long). */
    String EVENT_INCARNATION = "peer.incarnation";
    /** Event property of {@link #TOPIC_STATE_CHANGED}: the keys written or removed (String[]). */
    String EVENT_KEYS = "peer.keys";

    /** Largest key, in UTF-8 bytes. */
    int MAX_KEY_BYTES = 32;
    /** Largest value, in UTF-8 bytes. */
    int MAX_VALUE_BYTES = 255;
    /** Largest state: the UTF-8 bytes of all keys and values together. */
    int MAX_STATE_BYTES = 640;

    /** @return this gateway as the others see it (status {@link Member.Status#ALIVE}) */
    Member self();

    /**
     * @return every member this gateway knows, itself included, dead and left ones while they are
     *         remembered, ordered by id; never null
     */
    List<Member> members();

    /** @return the member with this id, if known */
    Optional<Member> member(String id);

    /**
     * Writes one key of this gateway's own state; the new value spreads to every member. Writing
     * the value a key already has does nothing.
     *
     * @throws IllegalArgumentException a key or value too large, an empty key, or a state that would
     *         grow beyond {@value #MAX_STATE_BYTES} bytes; the state is then unchanged
     */
    void publish(String key, String value);

    /**
     * Removes one key of this gateway's own state; the removal spreads like a write (as a tombstone
     * that members forget after a while). Removing an absent key does nothing.
     */
    void remove(String key);

    /**
     * @return the gossip's counters since this node started
     * @throws IllegalStateException if gossip stopped meanwhile
     * @since 1.1
     */
    Traffic traffic();
}
