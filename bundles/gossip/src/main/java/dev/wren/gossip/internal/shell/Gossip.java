package dev.wren.gossip.internal.shell;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import dev.wren.gossip.internal.Counters;
import dev.wren.gossip.internal.Node;
import dev.wren.inference.Model;
import dev.wren.gossip.internal.channel.Channel;
import dev.wren.peer.Member;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerDirectory;
import dev.wren.peer.PeerService;
import dev.wren.peer.Traffic;
import dev.wren.power.PowerState;
import dev.wren.store.Outbox;
import dev.wren.uplink.Uplink;

/**
 * Gossip between the gateways of a site: runs the protocol {@link Node} in a {@link UdpLoop},
 * registers the {@link PeerDirectory} service while it runs, feeds this gateway's own state from
 * the services installed ({@link StateFeed}) and posts member events on EventAdmin.
 *
 * <p>Off until configured: without {@code cluster.keys} (there is no default key) it logs why and
 * stays idle; it listens on {@code bind.address} (default 127.0.0.1) only. It registers itself as
 * {@link ConfigurableComponent} (and the shell command {@code wren:peers}) by hand, with its
 * configuration minus the keys, which Declarative Services would otherwise publish as service
 * properties; {@code service.pid} and {@code kura.service.pid} are on that registration from the
 * start, as Kura lists a component only then. A refused configuration is logged with the property and
 * the rule; a running node keeps the last good one.
 *
 * <p>Inside Kura, {@code cluster.keys} (a password attribute) arrives encrypted by Kura's
 * {@link CryptoService}: with that service present the keys are decrypted ({@link ClusterKeys}); without
 * it they are taken as written. Keys that do not decrypt are refused at ERROR, naming the PID and the
 * property but never the value, and the last good keys keep running. The service coming or going
 * configures the node again.
 */
@Component(configurationPid = Gossip.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {}, property = {"kura.service.pid=" + Gossip.PID})
@Designate(ocd = Gossip.Config.class)
public class Gossip implements ConfigurableComponent, PeerDirectory {

    public static final String PID = "dev.wren.gossip.Gossip";

    @ObjectClassDefinition(id = PID, name = "Wren gossip",
            description = "Gateways of a site know each other without a cloud: who is alive, in which power mode, "
                    + "how loaded, how full their outbox, which models they hold. Encrypted UDP (AES-GCM).")
    public @interface Config {

        @AttributeDefinition(name = "Node id", required = false,
                description = "This gateway's id in the cluster, unique; empty = the host name.")
        String node_id() default "";

        @AttributeDefinition(name = "Cluster name", description = "Bound into every packet: clusters never mix.")
        String cluster_name() default "wren";

        @AttributeDefinition(name = "Cluster keys", type = AttributeType.PASSWORD, required = false, cardinality = 8,
                description = "Base64 AES keys (16, 24 or 32 bytes), one per entry (an entry may also list several, "
                        + "comma-separated), at most 8 entries; the first key encrypts, all decrypt (rotation: add the "
                        + "new key second everywhere, then move it first, then drop the old one). Required: no key, no "
                        + "gossip. A list of entries, not one field: the web console masks every stored entry, and "
                        + "shows no entry when no key is set.")
        // no default: a metatype default, even an empty list, is one empty entry the console would mask
        String[] cluster_keys();

        @AttributeDefinition(name = "Bind address",
                description = "Where to listen: 127.0.0.1 (this machine only) until a site address is set.")
        String bind_address() default "127.0.0.1";

        @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "UDP port.")
        int port() default 7946;

        @AttributeDefinition(name = "Advertised address", required = false,
                description = "host:port the other gateways send to; empty = bind address and port.")
        String advertise_address() default "";

        @AttributeDefinition(name = "Seeds", required = false, cardinality = 10,
                description = "host:port of gateways to contact at start, comma-separated; at most 10 entries.")
        String[] seeds() default {};

        @AttributeDefinition(name = "Profile", description = "Timings: lan (a site's LAN or Wi-Fi) or wan (thin links).",
                options = {@Option(label = "LAN", value = "lan"), @Option(label = "WAN", value = "wan")})
        String profile() default "lan";

        @AttributeDefinition(name = "Probe interval (ms)", min = "0", max = "3600000", description = "0 = the profile's (LAN 1000).")
        long probe_interval_ms() default 0;

        @AttributeDefinition(name = "Probe timeout (ms)", min = "0", max = "3600000", description = "0 = the profile's (LAN 500).")
        long probe_timeout_ms() default 0;

        @AttributeDefinition(name = "Gossip interval (ms)", min = "0", max = "3600000", description = "0 = the profile's (LAN 200).")
        long gossip_interval_ms() default 0;

        @AttributeDefinition(name = "Gossip fan-out", min = "0", max = "16", description = "0 = the profile's (3).")
        int gossip_nodes() default 0;

        @AttributeDefinition(name = "Anti-entropy interval (ms)", min = "0", max = "3600000", description = "0 = the profile's (LAN 30000).")
        long pushpull_interval_ms() default 0;

        @AttributeDefinition(name = "Suspicion multiplier", min = "0", max = "100",
                description = "Suspicion timeout in probe intervals x log10(members); 0 = the profile's (LAN 4).")
        int suspicion_mult() default 0;

        @AttributeDefinition(name = "Retransmit multiplier", min = "0", max = "100",
                description = "Each update is sent this many times x log10(members); 0 = the profile's (4).")
        int retransmit_mult() default 0;

        @AttributeDefinition(name = "Indirect checks", min = "0", max = "16",
                description = "Members asked to probe a silent one; 0 = the profile's (3).")
        int indirect_checks() default 0;

        @AttributeDefinition(name = "Multicast discovery",
                description = "Announce this gateway to the cluster on the LAN of bind.address and contact those heard.")
        boolean multicast_discovery() default false;

        @AttributeDefinition(name = "Multicast group", description = "group:port of the announcements.")
        String multicast_group() default "239.255.42.99:7947";

        @AttributeDefinition(name = "State refresh (s)", min = "1", max = "3600",
                description = "How often this gateway's mode, load, outbox and models are read and, if changed, sent.")
        long state_interval_s() default 10;

        @AttributeDefinition(name = "Peer channel",
                description = "Calls between members over TLS 1.3 keyed from the cluster keys (the uplink relay and "
                        + "work sharing use it), on the bind address.")
        boolean channel_enabled() default true;

        @AttributeDefinition(name = "Peer channel port", min = "0", max = "65535",
                description = "TCP port; 0 = the gossip port's number.")
        int channel_port() default 0;

        @AttributeDefinition(name = "Peer channel size limit (kB)", min = "1", max = "65536",
                description = "Largest request or answer.")
        int channel_max_kb() default 1024;

        @AttributeDefinition(name = "Peer channel rate (kB/s)", min = "0", max = "1000000",
                description = "Bytes sent to one member per second at most; 0 = unlimited.")
        int channel_rate_kbps() default 1024;

        @AttributeDefinition(name = "Peer channel calls in flight", min = "1", max = "1000",
                description = "Calls to one member waiting for their answer at most.")
        int channel_calls() default 8;

        @AttributeDefinition(name = "Peer channel handlers", min = "1", max = "64",
                description = "Calls from the others answered at once at most; more are refused as busy.")
        int channel_handlers() default 2;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PowerState power;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Uplink uplink;

    private volatile CryptoService crypto;

    private final StateFeed feed = new StateFeed();
    private BundleContext context;
    private Config config;
    private Settings settings;
    private UdpLoop loop;
    private ServiceRegistration<?> self;
    private ServiceRegistration<PeerDirectory> directory;
    private Channel channel;
    private ServiceRegistration<PeerChannel> channelRegistration;
    private final Map<String, PeerService> services = new ConcurrentHashMap<>();
    private final Map<PeerService, String> serviceNames = new ConcurrentHashMap<>();
    private volatile long lastRefusalLogged;
    private long refusalsUnlogged;

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        this.context = context;
        self = context.registerService(new String[] {ConfigurableComponent.class.getName()}, this, published(properties));
        configure(config, "idle");
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        self.setProperties(published(properties));
        configure(config, settings != null ? "keeping the last good one" : "idle");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCrypto")
    void bindCrypto(CryptoService service) {
        crypto = service;
        reconfigure();
    }

    void unbindCrypto(CryptoService service) {
        if (crypto == service) {
            crypto = null;
            reconfigure();
        }
    }

    private synchronized void reconfigure() {
        if (config != null) {
            configure(config, settings != null ? "keeping the last good one" : "idle");
        }
    }

    @Deactivate
    synchronized void deactivate() {
        config = null;
        stop();
        self.unregister();
    }

    private synchronized void configure(Config config, String otherwise) {
        this.config = config;
        String keys;
        try {
            keys = ClusterKeys.clear(config.cluster_keys(), crypto);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, {}: {}", PID, otherwise, e.getMessage());
            return;
        }
        if (keys.isBlank()) {
            stop();
            settings = null;
            log.info("Gossip off: no cluster.keys (there is no default key)");
            return;
        }
        Settings next;
        try {
            next = Settings.of(config, keys);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, {}: {}", PID, otherwise, e.getMessage());
            return;
        }
        if (next.equals(settings) && loop != null) {
            return;
        }
        stop();
        Settings previous = settings;
        if (!start(next)) {
            if (previous != null && start(previous)) {
                log.error("Configuration {} refused: gossip cannot start on {}; keeping the last good one", PID,
                        next.bind());
            } else {
                settings = null;
            }
        }
    }

    private boolean start(Settings next) {
        java.io.File f = context.getDataFile("gossip.epoch");
        Epochs.Next epoch = new Epochs(f == null ? null : f.toPath()).next(System.currentTimeMillis());
        if (epoch.problem() != null) {
            log.warn("Gossip boot epoch {}: {}", epoch.epoch(), epoch.problem());
        }
        try {
            loop = new UdpLoop(next, epoch.epoch(), this::post, (n, now) -> feed.refresh(n, now, power, outbox, uplink),
                    next.stateIntervalMillis());
        } catch (IOException | RuntimeException e) {
            log.error("Gossip cannot start on {}: {}", next.bind(), e.getMessage());
            return false;
        }
        settings = next;
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("peer.id", next.nodeId());
        p.put("peer.address", next.advertise());
        directory = context.registerService(PeerDirectory.class, this, p);
        log.info("Gossip: {}, boot epoch {}", next, epoch.epoch());
        if (next.channel() != null) {
            startChannel(next, p);
        }
        return true;
    }

    /** Gossip runs without the channel when its port cannot be bound: membership does not depend on it. */
    private void startChannel(Settings next, Dictionary<String, Object> p) {
        InetSocketAddress at = new InetSocketAddress(next.bind().getAddress(), next.channel().port());
        try {
            channel = new Channel(next.nodeId(), next.cluster(), next.keyring().keys(), at, next.channel(), this::lookup,
                    services::get, this::refused);
        } catch (IOException e) {
            log.error("Peer channel cannot listen on TCP {}: {}; gossip runs without it (channel.port)", at, e.getMessage());
            return;
        }
        String port = Integer.toString(channel.port());
        loop.node((n, now) -> {
            n.publish(PeerChannel.STATE_KEY, port, now);
            return null;
        });
        channelRegistration = context.registerService(PeerChannel.class, channel, p);
        log.info("Peer channel on TCP {}:{}", at.getAddress().getHostAddress(), port);
    }

    private Optional<Member> lookup(String id) {
        try {
            return member(id);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** At most one warning per minute, with the count of those left out: a scan must not flood the log. */
    private synchronized void refused(String remote, String why) {
        long now = System.currentTimeMillis();
        if (now - lastRefusalLogged < 60_000) {
            refusalsUnlogged++;
            return;
        }
        log.warn("Peer channel refused {}: {}{}", remote, why,
                refusalsUnlogged == 0 ? "" : " (" + refusalsUnlogged + " more refusals in the last minute, see wren:peers)");
        lastRefusalLogged = now;
        refusalsUnlogged = 0;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "unbindService")
    void bindService(PeerService service, Map<String, Object> properties) {
        Object name = properties.get(PeerService.NAME);
        if (name == null || String.valueOf(name).isBlank()) {
            log.warn("Peer service {} has no {} property: not callable", properties.get("service.id"), PeerService.NAME);
            return;
        }
        String n = String.valueOf(name);
        PeerService before = services.putIfAbsent(n, service);
        if (before != null) {
            log.warn("Peer service '{}' registered twice: the first one ({}) answers", n, before);
            return;
        }
        serviceNames.put(service, n);
    }

    void unbindService(PeerService service) {
        String n = serviceNames.remove(service);
        if (n != null) {
            services.remove(n, service);
        }
    }

    private synchronized void stop() {
        if (channelRegistration != null) {
            channelRegistration.unregister();
            channelRegistration = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (directory != null) {
            directory.unregister();
            directory = null;
        }
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }

    /** The configuration as service properties: without the keys, with service.pid, kura.service.pid and the shell command. */
    static Dictionary<String, Object> published(Map<String, Object> configuration) {
        Dictionary<String, Object> p = new Hashtable<>();
        configuration.forEach((key, value) -> {
            if (!key.equals("cluster.keys") && !key.startsWith("component.") && !key.startsWith("service.")
                    && !key.equals("objectClass")) {
                p.put(key, value);
            }
        });
        p.put("service.pid", PID);
        p.put("kura.service.pid", configuration.getOrDefault("kura.service.pid", PID));
        p.put("osgi.command.scope", "wren");
        p.put("osgi.command.function", "peers");
        return p;
    }

    private void post(String topic, Member m, List<String> keys) {
        String what = topic.substring(topic.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (TOPIC_JOINED.equals(topic) || TOPIC_DEAD.equals(topic) || TOPIC_LEFT.equals(topic)) {
            log.info("Peer {} at {}: {} (incarnation {})", m.id(), m.address(), what, m.incarnation());
        } else {
            log.debug("Peer {} at {}: {} {}", m.id(), m.address(), what, keys);
        }
        EventAdmin ea = events;
        if (ea == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(EVENT_ID, m.id());
        p.put(EVENT_ADDRESS, m.address());
        p.put(EVENT_STATUS, m.status().name());
        p.put(EVENT_INCARNATION, m.incarnation());
        if (TOPIC_STATE_CHANGED.equals(topic)) {
            p.put(EVENT_KEYS, keys.toArray(new String[0]));
        }
        ea.postEvent(new Event(topic, p));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "updatedModel", unbind = "unbindModel")
    void bindModel(Model m, Map<String, Object> properties) {
        feed.models.put(m, properties);
    }

    void updatedModel(Model m, Map<String, Object> properties) {
        feed.models.put(m, properties);
    }

    void unbindModel(Model m) {
        feed.models.remove(m);
    }

    private <T> T onNode(BiFunction<Node, Long, T> f) {
        UdpLoop l;
        synchronized (this) {
            l = loop;
        }
        if (l == null) {
            throw new IllegalStateException("gossip is not running");
        }
        return l.node(f);
    }

    @Override
    public Member self() {
        return onNode((n, now) -> n.self());
    }

    @Override
    public List<Member> members() {
        return onNode((n, now) -> n.members());
    }

    @Override
    public Traffic traffic() {
        return onNode((n, now) -> {
            Counters c = n.counters();
            return new Traffic(c.packetsIn(), c.bytesIn(), c.packetsOut(), c.bytesOut(), c.droppedTotal(), c.suspicions(),
                    c.refutes(), c.deaths());
        });
    }

    @Override
    public Optional<Member> member(String id) {
        return onNode((n, now) -> n.member(id));
    }

    @Override
    public void publish(String key, String value) {
        onNode((n, now) -> {
            n.publish(key, value, now);
            return null;
        });
    }

    @Override
    public void remove(String key) {
        onNode((n, now) -> {
            n.remove(key, now);
            return null;
        });
    }

    /** Gogo {@code wren:peers}: the members with their status and state, and the node's counters. */
    @org.apache.felix.service.command.Descriptor("the gossip cluster: this gateway, every member with its address, status"
            + " and state, and the packet, byte, suspicion and drop counters")
    public String peers() {
        UdpLoop l;
        synchronized (this) {
            l = loop;
        }
        if (l == null) {
            return "gossip off: " + (settings == null ? "not configured (cluster.keys required)" : "stopped") + "\n";
        }
        Settings s = settings;
        Channel c;
        synchronized (this) {
            c = channel;
        }
        return l.node((n, now) -> Console.describe(n, s, now, l.socketErrors.sum())) + Console.channel(c, s);
    }

    /** Gogo {@code wren:peers} with arguments: the usage. */
    @org.apache.felix.service.command.Descriptor("any arguments: prints the usage")
    public String peers(@org.apache.felix.service.command.Descriptor("none taken") String... words) {
        return words.length == 0 ? peers() : "usage: peers (takes no arguments)\n";
    }
}
