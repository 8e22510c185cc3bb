package dev.wren.dashboard.internal;

import java.util.List;
import java.util.Map;

import dev.wren.config.RefusedSettings;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerDirectory;
import dev.wren.power.PowerState;
import dev.wren.store.Outbox;
import dev.wren.uplink.Uplink;

/**
 * What one document is built from, taken once per build: the services present (any may be null)
 * and the properties of the sensor, model and board registrations.
 *
 * @param sensors the properties of each registered sensor
 * @param models  the properties of each registered model version
 * @param board   the board's registration properties, or null without a board
 * @param power   with its registration's properties in {@code powerProperties}
 * @param channel gossip's peer channel, or null without one
 */
record Sources(List<Map<String, Object>> sensors, List<Map<String, Object>> models, Map<String, Object> board,
        PowerState power, Map<String, Object> powerProperties, Outbox outbox, Uplink uplink, PeerDirectory peers,
        RefusedSettings refused, PeerChannel channel) {
}
