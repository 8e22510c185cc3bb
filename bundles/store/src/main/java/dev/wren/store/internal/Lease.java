package dev.wren.store.internal;

/** A stored message the outbox is tracking: in flight, or waiting to be deleted. */
record Lease(long id, int prio, int size) {
}
