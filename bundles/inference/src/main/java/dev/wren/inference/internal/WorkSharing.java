package dev.wren.inference.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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

import dev.wren.peer.PeerCallException;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerDirectory;
import dev.wren.peer.PeerService;
import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;

/**
 * Work sharing between the gateways of a site, both ways, over gossip's peer channel.
 *
 * <p><b>Asking.</b> A gateway in MINIMAL ({@code ask.minimal}), or whose vibration pipeline falls
 * behind (an analysis window waited more than {@code behind.ms} before its turn; it then asks for
 * the next {@value Behind#HOLD_MS} ms), computes each window's features itself and sends them (a few
 * dozen bytes, never the raw window) to a peer in FULL that serves the trigger model, chosen by
 * {@link PeerPick}. The peer's scores come back and the decision stays here. No answer within
 * {@code timeout.ms}: this gateway's own trigger decides that window, and the peer is left alone for
 * a while. No such peer: the pipeline works as without sharing.
 *
 * <p><b>Serving</b> ({@link PeerService} {@value ShareWire#SERVICE}): while this gateway is in FULL
 * and {@code serve} is on, a peer's features run through this gateway's serving models
 * ({@link FeatureServer}); otherwise the call is refused with the reason.
 *
 * <p>Shell: {@code wren:share}.
 */
@Component(name = WorkSharing.PID, configurationPid = WorkSharing.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {WorkSharing.class, ConfigurableComponent.class, PeerService.class},
        property = {"kura.service.pid=" + WorkSharing.PID, PeerService.NAME + "=" + ShareWire.SERVICE,
            "osgi.command.scope=wren", "osgi.command.function=share"})
@Designate(ocd = WorkSharing.Config.class)
public class WorkSharing implements Sharing, ConfigurableComponent, PeerService {

    public static final String PID = "dev.wren.inference.WorkSharing";
    @ObjectClassDefinition(id = PID, name = "Wren work sharing",
            description = "Let a gateway of the site in FULL run the models on this gateway's features while this one "
                    + "saves power or falls behind; run them for the others while in FULL.")
    public @interface Config {

        @AttributeDefinition(name = "Serve", description = "Run the models on the peers' features while in FULL.")
        boolean serve() default true;

        @AttributeDefinition(name = "Ask in MINIMAL",
                description = "In MINIMAL power mode, send each analysis window's features to a peer in FULL.")
        boolean ask_minimal() default true;

        @AttributeDefinition(name = "Behind (ms)", min = "0", max = "60000",
                description = "An analysis window that waited longer than this before its turn sends the next "
                        + "30 s of windows to a peer; 0 = never for this reason.")
        long behind_ms() default 2000;

        @AttributeDefinition(name = "Timeout (ms)", min = "10", max = "10000",
                description = "How long to wait for a peer's answer before this gateway's own trigger decides.")
        long timeout_ms() default 500;

        @AttributeDefinition(name = "Calls in flight", min = "1", max = "64",
                description = "Most windows waiting for a peer at once; beyond, windows are analysed here.")
        int calls() default 4;
    }

    record Settings(boolean serve, boolean askMinimal, long behindMs, long timeoutMs, int calls) {

        static Settings of(Config c) {
            if (c.behind_ms() < 0 || c.behind_ms() > 60_000) {
                throw new IllegalArgumentException("behind.ms: must be 0 (off) to 60000, was " + c.behind_ms());
            }
            if (c.timeout_ms() < 10 || c.timeout_ms() > 10_000) {
                throw new IllegalArgumentException("timeout.ms: must be 10 to 10000, was " + c.timeout_ms());
            }
            if (c.calls() < 1 || c.calls() > 64) {
                throw new IllegalArgumentException("calls: must be 1 to 64, was " + c.calls());
            }
            return new Settings(c.serve(), c.ask_minimal(), c.behind_ms(), c.timeout_ms(), c.calls());
        }
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Models models;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerChannel channel;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PowerState power;

    private final PeerPick pick = new PeerPick();
    private final Behind behind = new Behind();
    private final Map<String, LongAdder> servedTo = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusedTo = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Settings settings = new Settings(true, true, 2000, 500, 4);
    private volatile String lastPeer;
    private volatile String lastRefusal = "";
    private FeatureServer server;
    private ExecutorService answers;

    @Activate
    void activate(Config config) {
        configure(config);
        server = new FeatureServer();
        answers = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wren-share");
            t.setDaemon(true);
            return t;
        });
    }

    @Modified
    void configure(Config config) {
        try {
            settings = Settings.of(config);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, keeping the last good one: {}", PID, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        answers.shutdown();
        server.close();
    }

    @Override
    public boolean wanted(String sensor, PowerMode mode, long captureNanos) {
        Settings s = settings;
        if (channel == null || directory == null) {
            return false;
        }
        if (mode == PowerMode.MINIMAL && s.askMinimal()) {
            return true;
        }
        return behind.check(sensor, captureNanos, s.behindMs(), System.currentTimeMillis(), () -> log.info(
                "Pipeline on {} fell behind ({} ms late): sending its features to peers for {} s", sensor,
                captureNanos / 1_000_000, Behind.HOLD_MS / 1000));
    }

    @Override
    public CompletableFuture<Served> send(ShareWire.Request request) {
        PeerChannel ch = channel;
        PeerDirectory d = directory;
        Settings s = settings;
        if (ch == null || d == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = ShareWire.request(request);
        } catch (IllegalArgumentException unsendable) {
            return null;
        }
        Optional<String> chosen;
        try {
            chosen = pick.choose(d.self().id(), d.members(), request.trigger(), System.currentTimeMillis());
        } catch (IllegalStateException stopped) {
            return null;
        }
        if (chosen.isEmpty() || inFlight.incrementAndGet() > s.calls()) {
            if (chosen.isPresent()) {
                inFlight.decrementAndGet();
            }
            return null;
        }
        String peer = chosen.get();
        if (!peer.equals(lastPeer)) {
            lastPeer = peer;
            log.info("Work sharing: sending features to {}", peer);
        }
        pick.counters(peer).sent.increment();
        CompletableFuture<Served> result = new CompletableFuture<>();
        long t0 = System.nanoTime();
        ch.call(peer, ShareWire.SERVICE, bytes, Duration.ofMillis(s.timeoutMs()))
                .whenComplete((answer, failure) -> {
                    long rtt = System.nanoTime() - t0;
                    Runnable finish = () -> finish(peer, request, answer, failure, rtt, result);
                    try {
                        answers.execute(finish);
                    } catch (RejectedExecutionException stopped) {
                        finish.run();
                    }
                });
        return result;
    }

    private void finish(String peer, ShareWire.Request request, byte[] bytes, Throwable failure, long rtt,
            CompletableFuture<Served> result) {
        inFlight.decrementAndGet();
        try {
            if (failure != null) {
                throw failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            }
            ShareWire.Answer a = ShareWire.answer(bytes);
            if (!a.trigger().equals(request.trigger())
                    || a.classified() != null && !a.classified().model().equals(request.classifier())) {
                throw new IllegalArgumentException("answered for other models: " + a.trigger());
            }
            pick.answered(peer);
            result.complete(new Served(peer, a, rtt));
        } catch (Throwable e) {
            String why = e instanceof PeerCallException p ? p.reason() + ": " + p.getMessage() : e.getMessage();
            long pause = pick.failed(peer, why, System.currentTimeMillis());
            if (pause == PeerPick.BACKOFF_MIN_MS) {
                log.warn("Work sharing: {} did not answer ({}); this gateway's trigger decides, {} left alone for a while",
                        peer, why, peer);
            }
            result.completeExceptionally(e);
        }
    }

    @Override
    public byte[] answer(String from, byte[] request) throws Exception {
        try {
            if (!settings.serve()) {
                throw new IllegalStateException("work sharing: not serving (serve=false)");
            }
            PowerState p = power;
            PowerMode mode = p == null ? PowerMode.FULL : p.mode();
            if (mode != PowerMode.FULL) {
                throw new IllegalStateException("work sharing: in " + mode + ", serving only in FULL");
            }
            byte[] answer = ShareWire.answer(server.serve(models.registry(), ShareWire.request(request)));
            servedTo.computeIfAbsent(from, f -> new LongAdder()).increment();
            return answer;
        } catch (Exception e) {
            refusedTo.computeIfAbsent(from, f -> new LongAdder()).increment();
            lastRefusal = from + ": " + e.getMessage();
            throw e;
        }
    }

    /** Shell command {@code wren:share}: settings, the peers asked and the peers served. */
    @org.apache.felix.service.command.Descriptor("work sharing: the peers this gateway sent features to, and served")
    public String share() {
        Settings s = settings;
        StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT,
                "serve %s, ask in MINIMAL %s, behind %d ms, timeout %d ms, in flight %d of %d; %s%n", s.serve(),
                s.askMinimal(), s.behindMs(), s.timeoutMs(), inFlight.get(), s.calls(),
                channel == null ? "no peer channel" : "peer channel up"));
        long now = System.currentTimeMillis();
        behind.sensors().forEach((sensor, until) -> out.append(String.format(java.util.Locale.ROOT,
                "behind: %s, sharing for %d s more%n", sensor, Math.max(0, until - now) / 1000)));
        new java.util.TreeMap<>(pick.peers()).forEach((peer, c) -> out.append(String.format(java.util.Locale.ROOT,
                "asked %s: sent %d, answered %d, failed %d%s%n", peer, c.sent.sum(), c.answered.sum(), c.failed.sum(),
                pick.left(peer, now) > 0 ? ", left alone " + pick.left(peer, now) / 1000 + " s after: " + c.lastFailure
                        : c.lastFailure.isEmpty() ? "" : ", last failure: " + c.lastFailure)));
        new java.util.TreeMap<>(servedTo).forEach((peer, n) -> out.append("served ").append(peer).append(": ")
                .append(n.sum()).append('\n'));
        if (!refusedTo.isEmpty()) {
            out.append("refused: ").append(refusedTo.values().stream().mapToLong(LongAdder::sum).sum())
                    .append(", last ").append(lastRefusal).append('\n');
        }
        return out.toString();
    }

    /** Arguments are refused with the usage. */
    @org.apache.felix.service.command.Descriptor("any arguments: prints the usage")
    public String share(@org.apache.felix.service.command.Descriptor("none taken") String... words) {
        return words.length == 0 ? share() : "usage: share (takes no arguments)\n";
    }
}
