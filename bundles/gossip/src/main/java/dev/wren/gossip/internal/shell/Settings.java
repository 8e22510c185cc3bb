package dev.wren.gossip.internal.shell;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.gossip.internal.channel.ChannelConfig;
import dev.wren.gossip.internal.crypto.Keyring;

/**
 * The gossip component's validated configuration, immutable. Every rule is refused with
 * {@code property: rule, was value}; the keys never appear in a message or in {@link #toString()}.
 *
 * @param nodeId    this gateway's id in the cluster
 * @param cluster   the cluster's name, bound into every packet
 * @param keyring   the cluster keys, the first seals
 * @param bind      where the UDP socket listens
 * @param advertise what the others are told to send to, {@code host:port}
 * @param seeds     members to contact at start, {@code host:port}
 * @param protocol  the profile's timings with the overrides applied
 * @param multicast the discovery group, null when off
 * @param stateIntervalMillis how often this gateway's own state is refreshed from its services
 * @param channel   the peer channel's bounds, on the bind address; null when it is off
 */
record Settings(String nodeId, String cluster, Keyring keyring, InetSocketAddress bind, String advertise,
        List<String> seeds, GossipConfig protocol, InetSocketAddress multicast, long stateIntervalMillis,
        ChannelConfig channel) {

    /** Overridable protocol fields: configuration property to {@link GossipConfig} field. */
    private static final String[][] OVERRIDES = {
        {"probe.interval.ms", "probeInterval"}, {"probe.timeout.ms", "probeTimeout"},
        {"gossip.interval.ms", "gossipInterval"}, {"gossip.nodes", "gossipNodes"},
        {"pushpull.interval.ms", "pushPullInterval"}, {"suspicion.mult", "suspicionMult"},
        {"retransmit.mult", "retransmitMult"}, {"indirect.checks", "indirectChecks"}};

    /** @throws IllegalArgumentException naming the property and the rule it breaks */
    static Settings of(Gossip.Config c) {
        return of(c, ClusterKeys.clear(c.cluster_keys(), null));
    }

    /** As {@link #of(Gossip.Config)} with the keys in clear text ({@link ClusterKeys}). */
    static Settings of(Gossip.Config c, String clusterKeys) {
        String id = c.node_id().trim().isEmpty() ? hostName() : c.node_id().trim();
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("node.id: must be 1 to 64 letters, digits, '.', '_' or '-', starting "
                    + "with a letter or digit (empty = the host name), was '" + id + "'");
        }
        String cluster = c.cluster_name().trim();
        if (cluster.isEmpty() || cluster.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("cluster.name: must be 1 to 64 bytes, was '" + c.cluster_name() + "'");
        }
        Keyring keys = keys(clusterKeys);
        if (c.port() < 1 || c.port() > 65_535) {
            throw new IllegalArgumentException("port: must be 1 to 65535, was " + c.port());
        }
        InetSocketAddress bind = new InetSocketAddress(address("bind.address", c.bind_address()), c.port());
        if (!isLocal(bind.getAddress())) {
            throw new IllegalArgumentException("bind.address: must be an address of this gateway (or 0.0.0.0), was '"
                    + c.bind_address() + "'");
        }
        String advertise = c.advertise_address().trim();
        if (advertise.isEmpty()) {
            if (bind.getAddress().isAnyLocalAddress()) {
                throw new IllegalArgumentException("advertise.address: required when bind.address is a wildcard ("
                        + c.bind_address() + "): the address the other gateways reach this one at");
            }
            advertise = bind.getAddress().getHostAddress() + ":" + c.port();
        } else {
            advertise = hostPort("advertise.address", advertise);
        }
        if (advertise.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("advertise.address: at most 64 bytes, was '" + advertise + "'");
        }
        List<String> seeds = new ArrayList<>();
        for (String s : c.seeds()) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    seeds.add(hostPort("seeds", part.trim()));
                }
            }
        }
        GossipConfig protocol;
        try {
            protocol = GossipConfig.profile(c.profile().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile: must be lan or wan, was '" + c.profile() + "'");
        }
        long[] values = {c.probe_interval_ms(), c.probe_timeout_ms(), c.gossip_interval_ms(), c.gossip_nodes(),
            c.pushpull_interval_ms(), c.suspicion_mult(), c.retransmit_mult(), c.indirect_checks()};
        for (int i = 0; i < OVERRIDES.length; i++) {
            if (values[i] != 0) {
                try {
                    protocol = protocol.with(OVERRIDES[i][1], values[i]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(OVERRIDES[i][0] + ": " + e.getMessage()
                            .substring(e.getMessage().indexOf(':') + 2) + " (0 = the profile's)");
                }
            }
        }
        InetSocketAddress multicast = null;
        if (c.multicast_discovery()) {
            String g = hostPort("multicast.group", c.multicast_group().trim());
            int colon = g.lastIndexOf(':');
            multicast = new InetSocketAddress(address("multicast.group", g.substring(0, colon)),
                    Integer.parseInt(g.substring(colon + 1)));
            if (!multicast.getAddress().isMulticastAddress() || !(multicast.getAddress() instanceof java.net.Inet4Address)) {
                throw new IllegalArgumentException("multicast.group: must be an IPv4 multicast group:port such as "
                        + "239.255.42.99:7947, was '" + c.multicast_group() + "'");
            }
        }
        if (c.state_interval_s() < 1 || c.state_interval_s() > 3_600) {
            throw new IllegalArgumentException("state.interval.s: must be 1 to 3600, was " + c.state_interval_s());
        }
        return new Settings(id, cluster, keys, bind, advertise, List.copyOf(seeds), protocol, multicast,
                c.state_interval_s() * 1000, channel(c));
    }

    private static ChannelConfig channel(Gossip.Config c) {
        if (!c.channel_enabled()) {
            return null;
        }
        int port = c.channel_port() == 0 ? c.port() : c.channel_port();
        if (c.channel_port() < 0 || c.channel_port() > 65_535) {
            throw new IllegalArgumentException("channel.port: must be 1 to 65535 (0 = the gossip port's number, on TCP), "
                    + "was " + c.channel_port());
        }
        range("channel.max.kb", c.channel_max_kb(), 1, 65_536);
        range("channel.rate.kbps", c.channel_rate_kbps(), 0, 1_000_000);
        range("channel.calls", c.channel_calls(), 1, 1_000);
        range("channel.handlers", c.channel_handlers(), 1, 64);
        return new ChannelConfig(port, c.channel_max_kb() * 1024, c.channel_rate_kbps() * 1024L, c.channel_calls(),
                c.channel_handlers(), 5_000);
    }

    private static void range(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + ": must be " + min + " to " + max + ", was " + value);
        }
    }

    /** Base64 keys separated by commas or spaces, the first one sealing. */
    static Keyring keys(String text) {
        List<byte[]> keys = new ArrayList<>();
        for (String k : text.trim().split("[,\\s]+")) {
            if (k.isEmpty()) {
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(k);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cluster.keys: key " + (keys.size() + 1) + " is not base64");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalArgumentException("cluster.keys: key " + (keys.size() + 1) + " must be 16, 24 or 32 "
                        + "bytes (AES-128/192/256) in base64, was " + key.length + " bytes");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("cluster.keys: required, there is no default key; make one with "
                    + "'openssl rand -base64 32' and give every gateway of the cluster the same");
        }
        return Keyring.of(keys.toArray(new byte[0][]));
    }

    private static String hostPort(String property, String s) {
        int colon = s.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(s.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(property + ": must be host:port, was '" + s + "'");
        }
        return s;
    }

    private static InetAddress address(String property, String host) {
        try {
            return InetAddress.getByName(host.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(property + ": unknown host '" + host + "'");
        }
    }

    private static boolean isLocal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress()) {
            return true;
        }
        try {
            return java.net.NetworkInterface.getByInetAddress(a) != null;
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (UnknownHostException e) {
            return "wren";
        }
    }

    @Override
    public String toString() {
        return "node " + nodeId + " of cluster " + cluster + " on " + bind + " as " + advertise + ", seeds " + seeds
                + (multicast != null ? ", discovery on " + multicast : "")
                + (channel != null ? ", channel on TCP " + channel.port() : ", channel off");
    }
}
