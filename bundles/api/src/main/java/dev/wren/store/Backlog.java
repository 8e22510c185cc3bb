package dev.wren.store;

import java.util.List;

/**
 * What the outbox holds, per priority: the depth an operator watches while the uplink is down.
 *
 * @param levels one per priority, {@link Message#HIGHEST} first; none left out
 * @since 1.2
 */
public record Backlog(List<Level> levels) {

    public Backlog {
        levels = List.copyOf(levels);
    }

    /**
     * The messages of one priority.
     *
     * @param priority {@link Message#HIGHEST} to {@link Message#LOWEST}
     * @param messages messages held, in flight included
     * @param bytes    their payload bytes
     * @param oldest   when the oldest of them was stored, milliseconds since the epoch; 0 when none
     *                 is held or the age could not be read
     */
    public record Level(int priority, long messages, long bytes, long oldest) {
    }

    /** @return when the oldest message of any priority was stored; 0 when none is held */
    public long oldest() {
        return levels.stream().mapToLong(Level::oldest).filter(t -> t > 0).min().orElse(0);
    }
}
