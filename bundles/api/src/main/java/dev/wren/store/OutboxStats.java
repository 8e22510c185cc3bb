package dev.wren.store;

/**
 * Counters of an outbox since it was opened, and what it holds now.
 *
 * @param stored      messages held (not yet acknowledged), including those taken and in flight
 * @param storedBytes payload bytes held
 * @param inFlight    messages taken and neither acknowledged nor released
 * @param accepted    messages {@link Outbox#put} accepted
 * @param rejected    messages {@code put} refused (invalid, too large, full, storage failure)
 * @param delivered   messages {@link Outbox#acknowledge acknowledged}
 * @param evicted     messages dropped to make room
 * @param expired     messages dropped because their time to live ran out
 * @param resent      messages taken again after they had been taken and released
 */
public record OutboxStats(long stored, long storedBytes, long inFlight, long accepted,
        long rejected, long delivered, long evicted, long expired, long resent) {
}
