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
 */
public record Message(String channel, byte[] payload, int priority, long ttlMillis) {

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

    /** A message that never expires. */
    public Message(String channel, byte[] payload, int priority) {
        this(channel, payload, priority, 0);
    }
}
