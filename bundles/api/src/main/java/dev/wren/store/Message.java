package dev.wren.store;

import java.util.Objects;

/**
 * What a producer asks the outbox to send, immutable.
 *
 * <p>The outbox checks the rules below at {@link Outbox#put put} (not here, so a message can be
 * built before its limits are known) and refuses a message that breaks one with
 * {@link OutboxException.Reason#INVALID} or {@link OutboxException.Reason#TOO_LARGE}.
 *
 * @param channel  where the message goes, relative to the gateway: MQTT topic levels separated by
 *                 {@code /}, for example {@code air/temperature}; 1 to {@value #MAX_CHANNEL}
 *                 characters, no empty level, no {@code +}, {@code #} or NUL, not starting with
 *                 {@code $}. The uplink maps it to a broker topic with its topic template.
 * @param payload  a JSON object in UTF-8 ({@code {...}}); the uplink adds the message id and
 *                 timestamps to it on the wire. At most the outbox's configured maximum size.
 *                 The array is not copied: do not modify it after {@code put}.
 * @param priority {@value #HIGHEST} (most urgent) to {@value #LOWEST}; lower numbers are sent
 *                 first and evicted last, as in Kura's data service
 * @param ttlMillis how long the message is worth sending, from {@code put}; {@code 0} means it
 *                 never expires. An expired message is dropped and counted, never sent.
 * @param origin   null for a message of this gateway; for a message relayed here by another gateway
 *                 of the site, where it was first accepted: the uplink sends it under that gateway's
 *                 id, with that id and time, so that the cloud sees it as if it came direct (since 1.3)
 */
public record Message(String channel, byte[] payload, int priority, long ttlMillis, Origin origin) {

    /** The most urgent priority (life-cycle, critical alarms): never evicted. */
    public static final int HIGHEST = 0;
    /** Alerts: a sensor faulted, a machine changed condition. */
    public static final int ALERT = 1;
    /** Events and insights. */
    public static final int EVENT = 3;
    /** Periodic readings. */
    public static final int TELEMETRY = 5;
    /** Bulk data sent when there is room: raw windows, diagnostics. */
    public static final int BULK = 7;
    /** The least urgent priority: evicted first. */
    public static final int LOWEST = 9;
    /** Longest channel, in characters. */
    public static final int MAX_CHANNEL = 200;

    public Message {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
    }

    /** A message of this gateway (no {@link #origin()}). */
    public Message(String channel, byte[] payload, int priority, long ttlMillis) {
        this(channel, payload, priority, ttlMillis, null);
    }

    /**
     * Where a relayed message was first accepted. The outbox refuses at {@link Outbox#put put} an
     * origin whose gateway is not 1 to {@value #MAX_GATEWAY} letters, digits, '.', '_' or '-'
     * (starting with a letter or digit), or whose id or time is not positive.
     *
     * @param gateway the gateway id (its gossip node id and its uplink's {@code gateway.id})
     * @param id      the id its outbox gave the message
     * @param created when its outbox accepted it, milliseconds since the epoch
     * @since 1.3
     */
    public record Origin(String gateway, long id, long created) {

        /** Longest gateway id, in characters. */
        public static final int MAX_GATEWAY = 64;

        public Origin {
            Objects.requireNonNull(gateway, "gateway");
        }
    }

    /** A message that never expires. */
    public Message(String channel, byte[] payload, int priority) {
        this(channel, payload, priority, 0);
    }
}
