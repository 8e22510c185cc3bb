package dev.wren.uplink.internal;

import java.time.Instant;

import dev.wren.uplink.Uplink.State;

/**
 * What the engine reports after every connection attempt and state change.
 *
 * @param since    when {@code state} was entered (kept while only the reason changes)
 * @param failures failed attempts in a row, 0 once connected
 */
public record Status(State state, String reason, Instant since, int failures) {
}
