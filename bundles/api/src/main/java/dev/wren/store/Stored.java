package dev.wren.store;

/**
 * A message as the outbox holds it, handed to the drainer by {@link Outbox#take}.
 *
 * @param id      the id {@link Outbox#put} returned: unique on this gateway and increasing in the
 *                order messages were accepted, never reused (also not after the database was
 *                replaced); the cloud deduplicates on it
 * @param created when the outbox accepted it, milliseconds since the epoch
 * @param message what was put
 */
public record Stored(long id, long created, Message message) {
}
