/**
 * The outbox: where everything the gateway wants to send waits, durably, until the cloud has it.
 *
 * <p>Producers (the outbox sink that takes readings from the sampler, the inference pipeline, a
 * third party's bundle) {@link dev.wren.store.Outbox#put put} {@link dev.wren.store.Message}s;
 * {@code put} returns only when the message is on disk, with an id unique on this gateway that
 * travels with the message so the cloud can drop duplicates. One drainer (Wren's MQTT uplink)
 * {@link dev.wren.store.Outbox#take takes} messages most important first, and
 * {@link dev.wren.store.Outbox#acknowledge acknowledges} each one once the broker has it; until
 * then the message stays stored and is sent again after a reconnect or a restart. Delivery is
 * therefore at least once, never lost once accepted, with duplicates carrying the same id.
 *
 * <p>The outbox is bounded by bytes and by count; when full it evicts the oldest message of the
 * least important priority (never of {@link dev.wren.store.Message#HIGHEST}) or refuses, as
 * configured. Messages may expire. Everything refused is refused at {@code put} with an
 * {@link dev.wren.store.OutboxException} whose {@link dev.wren.store.OutboxException.Reason}
 * says why; nothing else is affected.
 */
@Export
@Version("1.3.0")
package dev.wren.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
