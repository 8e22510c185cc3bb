package dev.wren.power.internal;

import dev.wren.power.PowerMode;

/**
 * One change of power mode, as the state machine decided it.
 *
 * @param at     when, ms since the epoch (the machine's clock)
 * @param from   the mode left
 * @param to     the mode entered
 * @param reason why, in words ("battery 9 % at or below 10 %, not charging")
 */
record Transition(long at, PowerMode from, PowerMode to, String reason) {

    /** @return {@code 08:38:00 FULL -> DEGRADED: battery ...}, the time in UTC */
    @Override
    public String toString() {
        return Words.clock(at) + " " + from + " -> " + to + ": " + reason;
    }
}
