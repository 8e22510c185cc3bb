package dev.wren.store.internal;

import dev.wren.store.Message;

/**
 * A relayed message's {@link Message.Origin} in the outbox table's {@code origin} column: the gateway,
 * the id and the time, separated by spaces; null for a message of this gateway.
 */
final class Origins {

    /** The column's width: a gateway of 64 characters and two longs of at most 19 digits. */
    static final int WIDTH = 110;

    private Origins() {
    }

    static String encode(Message.Origin o) {
        return o == null ? null : o.gateway() + " " + o.id() + " " + o.created();
    }

    /** @return the origin, or null for a null or unreadable column (a damaged row is sent as this gateway's) */
    static Message.Origin decode(String column) {
        if (column == null) {
            return null;
        }
        String[] parts = column.split(" ");
        try {
            return parts.length == 3 ? new Message.Origin(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]))
                    : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
