package dev.wren.gossip.internal.wire;

import java.util.List;

/** A decoded packet: who sent it, its message, the rumours it carries. */
public record Packet(String sender, Message message, List<Update> updates) {
}
