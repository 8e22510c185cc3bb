package dev.wren.inference.internal.spread;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;
import dev.wren.inference.Model;
import dev.wren.peer.Backoff;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerDirectory;
import dev.wren.peer.PeerService;
import dev.wren.trust.Signatures;

/**
 * Site-wide model distribution over gossip's peer channel, both ways.
 *
 * <p><b>Offering.</b> Every model version the extender validated here is listed in this gateway's
 * gossip state ({@value SpreadPlan#STATE_KEY}) and handed, in parts, to members that ask
 * ({@link PeerService} {@value SpreadWire#SERVICE}): the installed bundle's own bytes, signature
 * included ({@link ModelShelf}).
 *
 * <p><b>Fetching.</b> Every {@code interval.s}, for each rule of {@code wanted} ({@link Wants}), the
 * highest version in range that a member offers and this gateway does not have is fetched from one of
 * them ({@link SpreadPlan}), checked and installed ({@link SpreadFetch}); the extender then validates
 * it and runs its canary as for any new version. A member whose transfer fails is left alone for
 * 30 s, doubling to 10 minutes; a member's bundle that fails a check is not taken from it again for
 * an hour. The uplink is not used.
 *
 * <p>Shell: {@code wren:spread}.
 */
@Component(name = ModelSpread.PID, configurationPid = ModelSpread.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {ConfigurableComponent.class, PeerService.class},
        property = {"kura.service.pid=" + ModelSpread.PID, PeerService.NAME + "=" + SpreadWire.SERVICE,
            "osgi.command.scope=wren", "osgi.command.function=spread"})
@Designate(ocd = ModelSpread.Config.class)
public class ModelSpread implements ConfigurableComponent, PeerService {

    public static final String PID = "dev.wren.inference.ModelSpread";
    static final long FAILED_MIN_MS = 30_000;
    static final long FAILED_MAX_MS = 600_000;
    static final long REFUSED_MS = 3_600_000;

    @ObjectClassDefinition(id = PID, name = "Wren model spread",
            description = "Fetch the models this gateway wants from the gateways of the site that have them, over "
                    + "the peer channel of gossip instead of the uplink; hand ours to them.")
    public @interface Config {

        @AttributeDefinition(name = "Wanted models", required = false,
                description = "Models to fetch from peers: name or name@version range, comma separated, e.g. "
                        + "vibration-trigger@[1.0,2.0). Empty = none.")
        String wanted() default "";

        @AttributeDefinition(name = "Offer", description = "List this gateway's validated models in its gossip state "
                + "and hand them to peers that ask.")
        boolean offer() default true;

        @AttributeDefinition(name = "Interval (s)", min = "1", max = "3600",
                description = "How often the wanted models are looked for among the peers' offers.")
        int interval_s() default 10;

        @AttributeDefinition(name = "Part (kB)", min = "1", max = "1000",
                description = "Bytes per call; keep under the peer channel's channel.max.kb.")
        int part_kb() default 256;

        @AttributeDefinition(name = "Largest model bundle (MB)", min = "1", max = "1024",
                description = "A bundle announced larger than this is not fetched.")
        int max_mb() default 64;

        @AttributeDefinition(name = "Call timeout (s)", min = "1", max = "600",
                description = "How long to wait for one part.")
        int timeout_s() default 30;

        @AttributeDefinition(name = "Install unsigned models",
                description = "Install models from peers while the trust store holds no certificate (nothing can be "
                        + "checked). Off: models from peers need trust configured.")
        boolean unsigned_allowed() default false;
    }

    record Settings(List<Wants.Rule> wanted, boolean offer, int intervalS, int partBytes, long maxBytes, int timeoutS,
            boolean unsignedAllowed) {

        static Settings of(Config c) {
            check("interval.s", c.interval_s(), 1, 3600);
            check("part.kb", c.part_kb(), 1, 1000);
            check("max.mb", c.max_mb(), 1, 1024);
            check("timeout.s", c.timeout_s(), 1, 600);
            List<Wants.Rule> wanted;
            try {
                wanted = Wants.parse(c.wanted());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("wanted: " + e.getMessage(), e);
            }
            return new Settings(wanted, c.offer(), c.interval_s(), c.part_kb() << 10, (long) c.max_mb() << 20,
                    c.timeout_s(), c.unsigned_allowed());
        }

        private static void check(String property, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(property + ": must be " + min + " to " + max + ", was " + value);
            }
        }
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private DeploymentAdmin admin;

    @Reference
    private Signatures signatures;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerChannel channel;

    private final Map<Object, Map<String, Object>> models = new ConcurrentHashMap<>();
    /** Members whose transfer failed, left alone for a while. */
    private final Backoff backoff = new Backoff(FAILED_MIN_MS, FAILED_MAX_MS);
    /** "member name@version" of each bundle that failed a check here, until when it is not taken again. */
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    private volatile Settings settings;
    private volatile String lastRefusal = "";
    private BundleContext context;
    private ModelShelf shelf;
    private Path dir;
    private ScheduledExecutorService ticker;

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        dir = DataDirectory.of(context).resolve("spread");
        clear(dir);
        shelf = new ModelShelf(context, signatures, dir.resolve("offered"));
        configure(config);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wren-spread");
            t.setDaemon(true);
            return t;
        });
        schedule(1);
    }

    @Modified
    void configure(Config config) {
        try {
            settings = Settings.of(config);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, {}: {}", PID, settings == null ? "fetching nothing"
                    : "keeping the last good one", e.getMessage());
            if (settings == null) {
                settings = new Settings(List.of(), true, 10, 256 << 10, 64L << 20, 30, false);
            }
        }
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
    }

    /** Copies made for peers and transfers a kill cut short are made again when needed. */
    private void clear(Path spread) {
        for (String sub : new String[] {"offered", "fetched"}) {
            try (Stream<Path> files = Files.list(spread.resolve(sub))) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (NoSuchFileException absent) {
                // nothing kept yet
            } catch (IOException e) {
                log.warn("Model spread: cannot clear {}: {}", spread.resolve(sub), e.getMessage());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            updated = "updatedModel")
    void addModel(Model model, Map<String, Object> properties) {
        models.put(model, properties);
    }

    void updatedModel(Model model, Map<String, Object> properties) {
        models.put(model, properties);
    }

    void removeModel(Model model) {
        models.remove(model);
    }

    private void schedule(long seconds) {
        try {
            ticker.schedule(this::tick, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            // deactivated
        }
    }

    private void tick() {
        Settings s = settings;
        try {
            publish(s);
            for (Wants.Rule rule : s.wanted()) {
                fetch(rule, s);
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            log.error("Model spread: {}", e.toString(), e);
        }
        // jittered, so that the gateways of a site do not all ask in the same second
        schedule(Math.max(1, Math.round(s.intervalS() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()))));
    }

    /** The state key: every validated model version here, when offering; cut to what gossip carries. */
    private void publish(Settings s) {
        PeerDirectory d = directory;
        if (d == null) {
            return;
        }
        TreeSet<String> held = new TreeSet<>();
        models.values().forEach(p -> held.add(p.get(Model.NAME) + "@" + p.get(Model.VERSION)));
        String value = String.join(",", held);
        while (value.getBytes(StandardCharsets.UTF_8).length > PeerDirectory.MAX_VALUE_BYTES) {
            value = value.substring(0, Math.max(0, value.lastIndexOf(',')));
        }
        try {
            if (!s.offer() || value.isEmpty()) {
                d.remove(SpreadPlan.STATE_KEY);
            } else {
                d.publish(SpreadPlan.STATE_KEY, value);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            log.debug("Model spread: offers not published: {}", e.getMessage());
        }
    }

    private void fetch(Wants.Rule rule, Settings s) throws InterruptedException {
        PeerDirectory d = directory;
        PeerChannel ch = channel;
        if (d == null || ch == null) {
            outcomes.put(rule.toString(), "waiting: no gossip or peer channel");
            return;
        }
        Version have = have(rule);
        long now = System.currentTimeMillis();
        refused.values().removeIf(until -> until <= now);
        Optional<SpreadPlan.Source> source;
        try {
            source = SpreadPlan.choose(d.members(), d.self().id(), rule, have, (m, v) -> backoff.left(m, now) > 0
                    || refused.containsKey(m + " " + rule.name() + "@" + v),
                    ThreadLocalRandom.current());
        } catch (IllegalStateException stopped) {
            return;
        }
        if (source.isEmpty()) {
            String problem = problems.get(rule.toString());
            outcomes.put(rule.toString(), (have == null ? "none here, none offered" : "have " + have)
                    + (problem == null ? "" : "; last problem: " + problem));
            return;
        }
        SpreadPlan.Source src = source.get();
        log.info("Model spread: fetching {} {} from {}", src.model(), src.version(), src.member());
        long t0 = System.nanoTime();
        try {
            SpreadFetch.Fetched f = new SpreadFetch(ch, admin, signatures, dir.resolve("fetched"), s.partBytes(),
                    s.maxBytes(), Duration.ofSeconds(s.timeoutS()), s.unsignedAllowed()).fetch(src);
            backoff.succeeded(src.member());
            problems.remove(rule.toString());
            outcomes.put(rule.toString(), "installed " + src.version() + " from " + src.member());
            log.info("Model spread: {} {} from {} installed as package {} ({} bytes in {} ms, {}); the extender "
                    + "validates it and runs its canary", src.model(), src.version(), src.member(), f.packageName(),
                    f.bytes(), (System.nanoTime() - t0) / 1_000_000, f.signer() == null ? "unsigned" : "signed by "
                    + f.signer());
        } catch (Refused e) {
            refused.put(src.member() + " " + src.model() + "@" + src.version(), System.currentTimeMillis() + REFUSED_MS);
            problems.put(rule.toString(), "refused " + src.version() + " from " + src.member() + ": " + e.getMessage());
            log.warn("Model spread: {} {} from {} refused: {}; the installed models stay, {} is not asked for it again "
                    + "for an hour", src.model(), src.version(), src.member(), e.getMessage(), src.member());
        } catch (IOException e) {
            long pause = backoff.failed(src.member(), System.currentTimeMillis());
            problems.put(rule.toString(), "failed " + src.version() + " from " + src.member() + ": " + e.getMessage());
            log.warn("Model spread: {} {} from {} failed: {}; asked again in {} s", src.model(), src.version(),
                    src.member(), e.getMessage(), pause / 1000);
        }
    }

    /** @return the highest version of the rule's model installed here in its range (validated or not yet), or null */
    private Version have(Wants.Rule rule) {
        return ModelShelf.installed(context, rule.name()).descendingKeySet().stream().filter(rule.range()::includes)
                .findFirst().orElse(null);
    }

    @Override
    public byte[] answer(String from, byte[] request) throws Exception {
        try {
            if (!settings.offer()) {
                throw new IllegalStateException("model spread: not offering (offer=false)");
            }
            SpreadWire.Request r = SpreadWire.request(request);
            String key = r.model() + "@" + r.version();
            boolean validated = models.values().stream()
                    .anyMatch(p -> key.equals(p.get(Model.NAME) + "@" + p.get(Model.VERSION)));
            if (!validated) {
                throw new IllegalArgumentException("model " + r.model() + " " + r.version() + " is not offered here");
            }
            ModelShelf.Copy c = shelf.copy(r.model(), r.version());
            byte[] part = ModelShelf.read(c, r.offset(), Math.min(r.max(), settings.partBytes()));
            if (r.offset() + part.length >= c.size()) {
                served.computeIfAbsent(from, f -> new LongAdder()).increment();
            }
            return SpreadWire.part(c.bundle(), c.bundleVersion(), c.size(), c.sha256(), part);
        } catch (Exception e) {
            lastRefusal = from + ": " + e.getMessage();
            throw e;
        }
    }

    /** Shell command {@code wren:spread}: the rules and where each stands, what this gateway offers and served. */
    @org.apache.felix.service.command.Descriptor("model spread: the wanted models and where each stands, the models"
            + " offered and to whom they were handed")
    public String spread() {
        Settings s = settings;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "offer %s, every %d s, unsigned %s; %s%n",
                s.offer(), s.intervalS(), s.unsignedAllowed() ? "allowed" : "refused",
                channel == null ? "no peer channel" : "peer channel up"));
        if (s.wanted().isEmpty()) {
            out.append("wanted: none\n");
        }
        s.wanted().forEach(r -> out.append("wanted ").append(r).append(": ")
                .append(outcomes.getOrDefault(r.toString(), "not looked for yet")).append('\n'));
        long now = System.currentTimeMillis();
        backoff.waiting(now).forEach((m, ms) -> out.append("left alone: ").append(m).append(" for ").append(ms / 1000)
                .append(" s\n"));
        refused.forEach((offer, until) -> out.append("refused: ").append(offer).append(", not taken for ")
                .append(Math.max(0, until - now) / 1000).append(" s\n"));
        new TreeMap<>(served).forEach((m, n) -> out.append("handed to ").append(m).append(": ").append(n.sum())
                .append('\n'));
        if (!lastRefusal.isEmpty()) {
            out.append("last refusal: ").append(lastRefusal).append('\n');
        }
        return out.toString();
    }

    /** Arguments are refused with the usage. */
    @org.apache.felix.service.command.Descriptor("any arguments: prints the usage")
    public String spread(@org.apache.felix.service.command.Descriptor("none taken") String... words) {
        return words.length == 0 ? spread() : "usage: spread (takes no arguments)\n";
    }
}
