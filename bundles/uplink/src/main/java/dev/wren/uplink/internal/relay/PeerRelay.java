package dev.wren.uplink.internal.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.peer.Backoff;
import dev.wren.peer.Member;
import dev.wren.peer.PeerCallException;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerDirectory;
import dev.wren.peer.PeerService;
import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.Stored;
import dev.wren.uplink.Uplink;

/**
 * The uplink relay between the gateways of a site, both ways.
 *
 * <p><b>Handing over.</b> When this gateway's MQTT uplink (configured with a broker) has not been
 * connected for {@code after.s}, whether it failed or waits between the connection windows of a lean
 * power mode (a gateway saving power leans on its neighbours), and a present member
 * advertises a {@code CONNECTED} uplink and a peer channel in its gossip state, the outbox goes to
 * that member in batches, most urgent first: each message is taken, sent with its origin (this
 * gateway's {@link Uplink#GATEWAY}, its id and time, or the origin it already had), and deleted here
 * only once the member answers that it stored it durably; anything else releases it here. The
 * member with the emptiest outbox is chosen; a member that fails is left alone for a while. The
 * handover stops when the uplink is back. While handing over, the gossip state says
 * {@code relay=to <member>}.
 *
 * <p><b>Taking in</b> ({@link PeerService} {@value #SERVICE}): while this gateway's uplink is
 * {@code CONNECTED} and {@code accept} is on, a member's batch is put into this outbox with its
 * origin, and the answer says how many, from the first, are stored; otherwise the call is refused
 * with the reason.
 *
 * <p>Shell: {@code wren:relay}.
 */
@Component(name = PeerRelay.PID, configurationPid = PeerRelay.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {ConfigurableComponent.class, PeerService.class},
        property = {"kura.service.pid=" + PeerRelay.PID, PeerService.NAME + "=" + PeerRelay.SERVICE,
            "osgi.command.scope=wren", "osgi.command.function=relay"})
@Designate(ocd = PeerRelay.Config.class)
public class PeerRelay implements ConfigurableComponent, PeerService {

    public static final String PID = "dev.wren.uplink.PeerRelay";
    static final String SERVICE = "relay";
    static final String STATE_KEY = "relay";
    private static final long BACKOFF_MIN_MS = 2_000;
    private static final long BACKOFF_MAX_MS = 60_000;

    @ObjectClassDefinition(id = PID, name = "Wren uplink relay",
            description = "When the uplink is down, hand the outbox over to a gateway of the site whose uplink is "
                    + "connected (over the peer channel of gossip); take in the outboxes of the others while ours is.")
    public @interface Config {

        @AttributeDefinition(name = "Hand over", description = "Hand the outbox over to a peer while the uplink is down.")
        boolean enabled() default true;

        @AttributeDefinition(name = "After (s)", min = "0", max = "604800",
                description = "How long the uplink must have been down before handing over.")
        long after_s() default 300;

        @AttributeDefinition(name = "Take in", description = "Store the outboxes of peers whose uplink is down while "
                + "this gateway's is connected.")
        boolean accept() default true;

        @AttributeDefinition(name = "Batch", min = "1", max = "10000",
                description = "Messages per call; halved while a batch is larger than the peer channel's limit.")
        int batch() default 200;

        @AttributeDefinition(name = "Call timeout (s)", min = "1", max = "3600",
                description = "How long to wait for a peer to store a batch; unanswered, it stays here.")
        long timeout_s() default 30;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerChannel channel;

    /** The MQTT uplink and the gateway id it publishes under (null without a broker). */
    private record Link(Uplink service, String gateway) {
    }

    private volatile Link uplink;
    private volatile Config config;
    private final Map<String, PeerCounters> peers = new ConcurrentHashMap<>();
    /** Members whose hand-over failed, left alone for a pause doubling to a minute. */
    private final Backoff backoff = new Backoff(BACKOFF_MIN_MS, BACKOFF_MAX_MS);
    private ScheduledExecutorService ticker;
    private ExecutorService puts;
    private volatile long lastConnected = System.currentTimeMillis();
    private volatile String handingTo;
    private volatile String status = "starting";
    private int batch;

    @Activate
    void activate(Config config) {
        this.config = config;
        batch = config.batch();
        puts = Executors.newFixedThreadPool(8, r -> daemon(r, "wren-relay-put"));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wren-relay"));
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Modified
    void modified(Config config) {
        this.config = config;
        ticker.execute(() -> batch = config.batch());
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
        puts.shutdownNow();
        try {
            ticker.awaitTermination(config.timeout_s() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        say(null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedUplink", unbind = "unbindUplink")
    void bindUplink(Uplink service, Map<String, Object> properties) {
        uplink = new Link(service, (String) properties.get(Uplink.GATEWAY));
        if (Boolean.TRUE.equals(properties.get(Uplink.CONNECTED))) {
            lastConnected = System.currentTimeMillis();
        }
    }

    void updatedUplink(Uplink service, Map<String, Object> properties) {
        bindUplink(service, properties);
    }

    void unbindUplink(Uplink service) {
        Link l = uplink;
        if (l != null && l.service() == service) {
            uplink = null;
        }
    }

    private void tick() {
        try {
            handOverIfDown();
        } catch (RuntimeException e) {
            status = "failed: " + e;
            log.error("Uplink relay: {}", e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOverIfDown() throws InterruptedException {
        Config c = config;
        Link l = uplink;
        long now = System.currentTimeMillis();
        Uplink.State state = l == null ? null : l.service().state();
        if (state == Uplink.State.CONNECTED) {
            lastConnected = now;
        }
        if (l == null || l.gateway() == null || state == Uplink.State.CONNECTED || state == Uplink.State.DISABLED) {
            stop(l == null ? "no MQTT uplink" : "uplink " + state);
            return;
        }
        String downFor = "uplink not connected for " + Duration.ofMillis(now - lastConnected).toSeconds() + " s ("
                + state + ": " + l.service().reason() + ")";
        if (!c.enabled()) {
            stop(downFor + "; handing over is off (enabled=false)");
            return;
        }
        if (now - lastConnected < c.after_s() * 1000) {
            stop(downFor + "; handing over after " + c.after_s() + " s");
            return;
        }
        Outbox o = outbox;
        PeerDirectory d = directory;
        PeerChannel ch = channel;
        if (o == null || d == null || ch == null) {
            stop(downFor + "; no " + (o == null ? "outbox" : d == null ? "gossip" : "peer channel (gossip without a key?)"));
            return;
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            Optional<Member> peer = choose(d);
            if (peer.isEmpty()) {
                stop(downFor + "; no member advertises a connected uplink and a channel");
                return;
            }
            int moved = handOver(o, ch, peer.get().id(), l.gateway(), c);
            if (moved == 0) {
                return;
            }
        }
    }

    /** @return the present members with a connected uplink and a channel, not backing off, emptiest outbox first */
    private Optional<Member> choose(PeerDirectory d) {
        String self;
        List<Member> all;
        try {
            self = d.self().id();
            all = d.members();
        } catch (IllegalStateException stopped) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        return all.stream()
                .filter(m -> m.present() && !m.id().equals(self))
                .filter(m -> Uplink.State.CONNECTED.name().equals(m.state().get("uplink")))
                .filter(m -> m.state().containsKey(PeerChannel.STATE_KEY))
                .filter(m -> backoff.left(m.id(), now) == 0)
                .min(Comparator.comparingLong((Member m) -> outboxDecade(m)).thenComparing(Member::id));
    }

    private static long outboxDecade(Member m) {
        try {
            return Long.parseLong(m.state().getOrDefault("outbox", "0"));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** @return messages the peer stored, 0 when there was nothing to hand over or the call failed */
    private int handOver(Outbox o, PeerChannel ch, String peer, String gateway, Config c) throws InterruptedException {
        List<Stored> taken;
        try {
            taken = o.take(batch, 0, TimeUnit.MILLISECONDS);
        } catch (OutboxException e) {
            status = "outbox: " + e.getMessage();
            return 0;
        }
        if (taken.isEmpty()) {
            start(peer, "nothing left to hand over");
            return 0;
        }
        long now = System.currentTimeMillis();
        List<Message> messages = new ArrayList<>(taken.size());
        long bytes = 0;
        for (Stored s : taken) {
            Message m = s.message();
            messages.add(m.origin() != null ? m : new Message(m.channel(), m.payload(), m.priority(), m.ttlMillis(),
                    new Message.Origin(gateway, s.id(), s.created())));
            bytes += m.payload().length;
        }
        PeerCounters counters = counters(peer);
        int stored = 0;
        String problem;
        try {
            byte[] answer = ch.call(peer, SERVICE, RelayBatch.encode(messages, now), Duration.ofSeconds(c.timeout_s()))
                    .get(c.timeout_s() + 5, TimeUnit.SECONDS);
            RelayBatch.Answer a = RelayBatch.readAnswer(answer, taken.size());
            stored = a.stored();
            problem = stored == taken.size() ? null : a.note();
        } catch (ExecutionException e) {
            problem = e.getCause() instanceof PeerCallException p ? p.reason() + ": " + p.getMessage()
                    : String.valueOf(e.getCause());
            if (e.getCause() instanceof PeerCallException p && p.reason() == PeerCallException.Reason.TOO_LARGE
                    && batch > 1) {
                batch = Math.max(1, batch / 2);
                problem += "; batches of " + batch + " from now on";
            }
        } catch (TimeoutException e) {
            problem = "no answer within " + (c.timeout_s() + 5) + " s";
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        for (int i = 0; i < taken.size(); i++) {
            if (i < stored) {
                o.acknowledge(taken.get(i).id());
            } else {
                o.release(taken.get(i).id());
            }
        }
        counters.handedOver.addAndGet(stored);
        long storedBytes = 0;
        for (int i = 0; i < stored; i++) {
            storedBytes += taken.get(i).message().payload().length;
        }
        counters.bytesOut.addAndGet(storedBytes);
        if (problem != null) {
            counters.failures.incrementAndGet();
            long pause = backoff.failed(peer, System.currentTimeMillis());
            if (!problem.equals(counters.lastProblem)) {
                log.warn("Uplink relay to {}: {} of {} messages stored there, the rest stay here: {}; trying another "
                        + "member, this one again in {} s", peer, stored, taken.size(), problem, pause / 1000);
            }
            counters.lastProblem = problem;
        } else {
            backoff.succeeded(peer);
            counters.lastProblem = "";
            start(peer, "handed over " + stored + " messages (" + bytes + " B) in the last batch");
        }
        return problem == null ? stored : 0;
    }

    private void start(String peer, String what) {
        if (!peer.equals(handingTo)) {
            log.info("Uplink not connected for {} s: handing the outbox over to {}, whose uplink is",
                    (System.currentTimeMillis() - lastConnected) / 1000, peer);
            handingTo = peer;
            say("to " + peer);
        }
        status = "handing over to " + peer + ": " + what;
    }

    private void stop(String why) {
        String was = handingTo;
        if (was != null) {
            handingTo = null;
            say(null);
            log.info("Uplink relay to {} stopped ({}): {} messages handed over to it so far", was, why,
                    counters(was).handedOver.get());
        }
        status = why;
    }

    /** The gossip state key {@value #STATE_KEY}: written while handing over, removed after. */
    private void say(String value) {
        PeerDirectory d = directory;
        if (d == null) {
            return;
        }
        try {
            if (value == null) {
                d.remove(STATE_KEY);
            } else {
                d.publish(STATE_KEY, value);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            // gossip stopped meanwhile, or a member id too long for the state: the shell still says it
        }
    }

    @Override
    public byte[] answer(String from, byte[] request) throws Exception {
        PeerCounters counters = counters(from);
        try {
            return takeIn(from, request, counters);
        } catch (IllegalStateException | IllegalArgumentException e) {
            counters.refused.incrementAndGet();
            counters.lastProblem = e.getMessage();
            throw e;
        }
    }

    private byte[] takeIn(String from, byte[] request, PeerCounters counters) throws InterruptedException {
        if (!config.accept()) {
            throw new IllegalStateException("this gateway takes in no relayed messages (accept=false)");
        }
        Link l = uplink;
        Uplink.State state = l == null ? null : l.service().state();
        if (state != Uplink.State.CONNECTED) {
            throw new IllegalStateException("the uplink here is " + (state == null ? "absent" : state)
                    + ", not CONNECTED: nothing taken in");
        }
        Outbox o = outbox;
        if (o == null) {
            throw new IllegalStateException("no outbox here");
        }
        List<Message> messages = RelayBatch.decode(request);
        List<Future<Long>> results = new ArrayList<>(messages.size());
        for (Message m : messages) {
            results.add(puts.submit(() -> o.put(m)));
        }
        int stored = 0;
        String note = "";
        for (Future<Long> f : results) {
            try {
                f.get();
                if (note.isEmpty()) {
                    stored++;
                }
            } catch (ExecutionException e) {
                if (note.isEmpty()) {
                    note = "message " + (stored + 1) + " refused here: " + e.getCause().getMessage();
                }
            }
        }
        counters.takenIn.addAndGet(stored);
        if (!note.isEmpty()) {
            counters.lastProblem = note;
        }
        log.debug("Uplink relay: took in {} of {} messages from {}", stored, messages.size(), from);
        return RelayBatch.answer(stored, note);
    }

    private PeerCounters counters(String peer) {
        return peers.computeIfAbsent(peer, p -> new PeerCounters());
    }

    /** Gogo {@code wren:relay}: what the relay does now and what it did with each peer. */
    @org.apache.felix.service.command.Descriptor("the uplink relay: whether this gateway hands its outbox over (to whom,"
            + " why not), whether it takes in others', and the messages relayed with each peer")
    public String relay() {
        Config c = config;
        StringBuilder b = new StringBuilder(256);
        b.append("relay: hand over ").append(c.enabled() ? "after " + c.after_s() + " s down" : "off")
                .append(", take in ").append(c.accept() ? "on" : "off").append(", batch ").append(batch).append('\n');
        b.append("  now: ").append(status).append('\n');
        Link l = uplink;
        if (l != null && l.service().state() != Uplink.State.CONNECTED) {
            b.append("  uplink last connected ").append(Instant.ofEpochMilli(lastConnected)).append('\n');
        }
        new TreeMap<>(peers).forEach((id, p) -> b.append("  ").append(id).append(": ").append(p).append('\n'));
        return b.toString();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
