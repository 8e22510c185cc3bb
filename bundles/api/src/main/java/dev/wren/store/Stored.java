package dev.wren.store;

/**
 * A message as the outbox holds it, handed to the drainer by {@link Outbox#take}.
 *
 * @param id      the id {@link Outbox#put} returned: unique on this gateway, never reused (also
 *                not after the database was replaced), consecutive in the order messages were
 *                accepted (1, 2, 3..., also across restarts; see {@link Outbox} for how gaps are
 *                reported); the cloud deduplicates on it and checks the sequence with it
 * @param created when the outbox accepted it, milliseconds since the epoch
 * @param message what was put
 */
public record Stored(long id, long created, Message message) {
}
