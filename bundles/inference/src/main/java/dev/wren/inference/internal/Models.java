package dev.wren.inference.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.tracker.BundleTracker;

import dev.wren.data.DataDirectory;
import dev.wren.inference.Model;
import dev.wren.trust.Signatures;
import dev.wren.trust.Verdict;

/**
 * The model bundle extender: tracks started bundles that provide {@value Model#CAPABILITY},
 * validates each on one worker thread ({@link ModelBundle}, {@link Loader}), keeps the valid ones
 * in the {@link Registry} and registers a {@link Model} service per valid version. A refused
 * bundle is logged at ERROR with the reason and listed by {@code wren:models}; the serving version
 * stays. ONNX Runtime's environment is created once and never closed.
 */
@Component(configurationPid = Models.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Models.class, ConfigurableComponent.class},
        property = {"osgi.command.scope=wren", "osgi.command.function=models",
            "kura.service.pid=" + Models.PID})
@Designate(ocd = Models.Config.class)
public class Models implements ConfigurableComponent {

    public static final String PID = "dev.wren.inference.Models";

    /**
     * How long after a model bundle stopped its versions are dropped (if it was not updated in place
     * meanwhile, in which case the earlier version lives on): an update stops and restarts the bundle.
     */
    static final long LEAVE_GRACE_MS = 2_000;

    /** How long a model bundle waits for the trust store before it is refused. */
    static final long TRUST_WAIT = TimeUnit.SECONDS.toNanos(30);

    /** Most pinned entries: Kura's web UI shows at most 10 fields of a multi-value attribute. */
    static final int MAX_PINS = 10;

    @ObjectClassDefinition(id = PID, name = "Wren models",
            description = "Which version of each installed model serves, and how new versions are tried.")
    public @interface Config {

        @AttributeDefinition(name = "Pinned versions", required = false, cardinality = Models.MAX_PINS,
                description = "name=version entries, at most 10: that version serves while installed, whatever else is.")
        String[] pinned() default {};

        @AttributeDefinition(name = "Canary", description = "A new highest version first runs beside the serving one"
                + " and serves only if it agrees with it often enough.")
        boolean canary_enabled() default true;

        @AttributeDefinition(name = "Canary inputs", min = "10", max = "100000",
                description = "Inputs a canary is judged on.")
        int canary_windows() default 200;

        @AttributeDefinition(name = "Canary agreement", min = "0", max = "1",
                description = "Share of those inputs on which the canary must decide as the serving version, 0 to 1.")
        double canary_agreement() default 0.9;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    /**
     * Checked before a model bundle is read: Kura's Deployment Admin installs unsigned ones too. Dynamic, so
     * that the trust store's bundle restarting leaves the serving models alone; a model bundle that starts
     * while no trust store runs waits for one (the worker's {@link #TRUST_WAIT}) and is refused without.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Signatures signatures;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    private final Map<LoadedModel, ServiceRegistration<Model>> services = new HashMap<>();
    private final Map<Long, String> refused = new LinkedHashMap<>();
    /** Model bundles that stopped, with their content's stamp, until {@link #leave} settles them; the worker's. */
    private final Map<Bundle, Long> leaving = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService worker;
    private Loader loader;
    private Registry registry;
    private BundleTracker<Bundle> tracker;
    private BundleContext context;
    private ConsolePins consolePins;
    private volatile Registry.Settings configured;
    private volatile boolean stopping;

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        if (!"1".equals(System.getenv("ORT_DISABLE_TELEMETRY"))) {
            log.warn("ORT_DISABLE_TELEMETRY=1 is not set in this process's environment: ONNX Runtime may write and"
                    + " upload telemetry; set it in the service's environment");
        }
        registry = new Registry(new Registry.Listener() {
            @Override
            public void changed(String name, String what) {
                Models.this.changed(name, what);
            }

            @Override
            public void judged(CanaryVerdict v) {
                Map<String, Object> p = new HashMap<>();
                p.put("name", v.name());
                p.put("version", v.version());
                p.put("serving", v.serving());
                p.put("promoted", v.promoted());
                p.put("inputs", v.inputs());
                p.put("agreement", v.agreement());
                p.put("fault.cases", v.faultCases());
                p.put("fault.agreement", v.faultAgreement());
                p.put("canary.us", v.canaryMicros());
                p.put("serving.us", v.servingMicros());
                p.put("reason", v.reason());
                post(Model.TOPIC_CANARY, p);
            }
        });
        consolePins = new ConsolePins(DataDirectory.of(context).resolve("inference").resolve("console-pins.properties"));
        configured = settings(config);
        registry.settings(withConsolePins(configured));
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "wren-models"));
        // a stop drops the delayed departures of stopped model bundles (the registry closes anyway)
        // instead of waiting for them, which took 2 s out of every stop
        w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker = w;
        // ONNX Runtime's environment takes 0.2-0.5 s to create: on the worker, not on the framework's thread
        worker.execute(() -> loader = new Loader(Natives.environment(context, log)));
        tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle b, BundleEvent event) {
                BundleCapability cap = ModelBundle.capability(b);
                if (cap == null) {
                    return null;
                }
                worker.execute(() -> install(b, cap));
                return b;
            }

            @Override
            public void removedBundle(Bundle b, BundleEvent event, Bundle object) {
                long stamp = b.getLastModified();
                leaving.put(b, stamp);
                if (b.getState() == Bundle.UNINSTALLED) {
                    worker.execute(() -> leave(b, stamp));
                } else {
                    // stopped, or stopped to be updated in place: which one shows once the update is done
                    worker.schedule(() -> leave(b, stamp), LEAVE_GRACE_MS, TimeUnit.MILLISECONDS);
                }
            }
        };
        tracker.open();
    }

    @Modified
    void modified(Config config) {
        try {
            configured = settings(config);
            registry.settings(withConsolePins(configured));
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, keeping the last good one: {}", PID, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        tracker.close();
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        registry.close();
        synchronized (services) {
            services.values().forEach(ServiceRegistration::unregister);
            services.clear();
        }
    }

    /** @return the registry the pipeline takes its models from */
    Registry registry() {
        return registry;
    }

    /**
     * On the worker, a while after a model bundle stopped: uninstalled, its versions go; stopped and
     * not restarted, the versions of its content go; updated in place, nothing goes here ({@link
     * #install} kept the earlier versions in memory when the new content arrived).
     */
    private void leave(Bundle b, long stamp) {
        if (!leaving.remove(b, stamp)) {
            return; // settled already, by an install that came first
        }
        if (b.getState() == Bundle.UNINSTALLED) {
            synchronized (refused) {
                refused.remove(b.getBundleId());
            }
            registry.remove(b.getBundleId());
        } else if (b.getLastModified() == stamp && b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
            synchronized (refused) {
                refused.remove(b.getBundleId());
            }
            registry.remove(b.getBundleId(), stamp);
        }
    }

    /** On the worker thread, after the loader was created there. */
    private void install(Bundle b, BundleCapability cap) {
        if (b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
            return;
        }
        // bundles that left before this one came are settled first: a version uninstalled a moment ago and
        // installed again (a package update, an uninstall and install) must not meet its old self
        for (Map.Entry<Bundle, Long> e : List.copyOf(leaving.entrySet())) {
            if (e.getKey() != b) {
                leave(e.getKey(), e.getValue());
            }
        }
        long stamp = b.getLastModified();
        if (registry.has(b.getBundleId(), stamp)) {
            return; // restarted with the content already loaded
        }
        for (LoadedModel kept : registry.detach(b.getBundleId(), stamp)) {
            log.info("Model bundle {} (bundle {}) was updated in place: {} {} from before the update stays in memory ({})",
                    b.getSymbolicName(), b.getBundleId(), kept.descriptor().name(), kept.descriptor().version(),
                    kept == registry.slot(kept.descriptor().name()).serving() ? "serving until a new version passes its"
                            + " canary" : "for rollback");
        }
        try {
            Verdict verdict = trustStore().check(b);
            if (!verdict.accepted()) {
                throw new Loader.Refused("signature: " + verdict.reason());
            }
            if (verdict.status() == Verdict.Status.UNCHECKED) {
                log.info("Model bundle {} {}: signature not enforced, {}", b.getSymbolicName(), b.getVersion(),
                        verdict.reason());
            }
            LoadedModel loaded = ModelBundle.load(b, cap, loader);
            synchronized (refused) {
                refused.remove(b.getBundleId());
            }
            registry.add(loaded);
        } catch (Loader.Refused e) {
            if (stopping) {
                return; // not a verdict on the bundle: the extender is going away
            }
            String name = String.valueOf(cap.getAttributes().get("name"));
            LoadedModel serving = registry.slot(name).serving();
            log.error("Model bundle {} {} (bundle {}) refused: {}; {} serving", b.getSymbolicName(), b.getVersion(),
                    b.getBundleId(), e.getMessage(), serving != null ? name + " " + serving.descriptor().version()
                            + " goes on" : "nothing is");
            synchronized (refused) {
                refused.put(b.getBundleId(), b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage());
            }
            post(Model.TOPIC_REFUSED, Map.of("name", name, "version", String.valueOf(cap.getAttributes().get("version")),
                    "bundle.id", b.getBundleId(), "reason", e.getMessage()));
        }
    }

    /** @return the trust store, waited for on the worker; @throws Loader.Refused when none comes */
    private Signatures trustStore() throws Loader.Refused {
        long deadline = System.nanoTime() + TRUST_WAIT;
        for (Signatures s = signatures; ; s = signatures) {
            if (s != null) {
                return s;
            }
            if (stopping) {
                throw new Loader.Refused("signature: the extender stopped while waiting for the trust store");
            }
            if (System.nanoTime() > deadline) {
                throw new Loader.Refused("signature: no trust store runs to check it (bundle dev.wren.trust)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Loader.Refused("signature: stopped while waiting for the trust store");
            }
        }
    }

    private void changed(String name, String what) {
        Registry.Slot slot = registry.slot(name);
        LoadedModel serving = slot.serving();
        boolean servingChanged = false;
        synchronized (services) {
            List<LoadedModel> present = new ArrayList<>();
            registry.slots().values().forEach(s -> present.addAll(s.versions()));
            services.entrySet().removeIf(e -> {
                if (!present.contains(e.getKey())) {
                    e.getValue().unregister();
                    return true;
                }
                return false;
            });
            for (LoadedModel m : slot.versions()) {
                ServiceRegistration<Model> r = services.get(m);
                Dictionary<String, Object> p = properties(m, m == serving, m == slot.canary(),
                        m.descriptor().version().equals(registry.settings().pins().get(name)));
                if (r == null) {
                    services.put(m, context.registerService(Model.class, m, p));
                    servingChanged |= m == serving;
                } else {
                    servingChanged |= m == serving && !Boolean.TRUE.equals(r.getReference().getProperty(Model.SERVING));
                    r.setProperties(p);
                }
            }
        }
        log.info("Model {}: {}", name, what);
        if (servingChanged || serving == null) {
            post(Model.TOPIC_SERVING, Map.of("name", name, "version",
                    serving == null ? "" : serving.descriptor().version().toString(), "reason", what));
        }
    }

    private static Dictionary<String, Object> properties(LoadedModel m, boolean serving, boolean canary, boolean pinned) {
        Dictionary<String, Object> p = new Hashtable<>();
        Descriptor d = m.descriptor();
        p.put(Model.NAME, d.name());
        p.put(Model.VERSION, d.version().toString());
        p.put(Model.ROLE, d.role());
        p.put(Model.SERVING, serving);
        p.put(Model.CANARY, canary);
        p.put(Model.PINNED, pinned);
        return p;
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = events;
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }

    private static Registry.Settings settings(Config c) {
        Map<String, Version> pins = new HashMap<>();
        for (String entry : c.pinned()) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue; // an empty multi-value field, as Kura's UI and the web console save one
            }
            int eq = e.indexOf('=');
            try {
                if (eq <= 0) {
                    throw new IllegalArgumentException();
                }
                pins.put(e.substring(0, eq).trim(), Version.parseVersion(e.substring(eq + 1).trim()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("pinned: entries must be name=version, was '" + entry + "'");
            }
        }
        if (c.canary_windows() < 10 || c.canary_windows() > 100_000) {
            throw new IllegalArgumentException("canary.windows: must be 10 to 100000, was " + c.canary_windows());
        }
        if (!(c.canary_agreement() >= 0 && c.canary_agreement() <= 1)) {
            throw new IllegalArgumentException("canary.agreement: must be 0 to 1, was " + c.canary_agreement());
        }
        return new Registry.Settings(pins, c.canary_enabled(), c.canary_windows(), c.canary_agreement());
    }

    static final String USAGE = "usage: models | models pin <name> <version> | models unpin <name>"
            + " | models rollback <name>\n";

    /** Shell command {@code wren:models}: every model name with its versions and their state, and refusals. */
    @org.apache.felix.service.command.Descriptor("lists every model with its installed versions and their state"
            + " (serving, canary, standby, pinned), and the refused model bundles")
    public String models() {
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(registry.slots()).forEach((name, slot) -> {
            out.append(name).append('\n');
            slot.describe().forEach(line -> out.append("  ").append(line).append('\n'));
        });
        synchronized (refused) {
            refused.forEach((id, why) -> out.append("refused bundle ").append(id).append(' ').append(why).append('\n'));
        }
        return out.length() == 0 ? "no model bundles installed\n" : out.toString();
    }

    /**
     * {@code wren:models pin <name> <version>}: that version serves from now on (kept by {@link ConsolePins},
     * not in Config Admin).
     */
    @org.apache.felix.service.command.Descriptor("pin <name> <version>: that installed version serves from now on,"
            + " whatever else is installed (kept in the data directory, over the configuration's pinned)")
    public String models(@org.apache.felix.service.command.Descriptor("pin") String command,
            @org.apache.felix.service.command.Descriptor("a model's name, e.g. vibration-classifier") String name,
            @org.apache.felix.service.command.Descriptor("one of its installed versions, e.g. 1.0.0") String version)
            throws IOException {
        if (!command.equals("pin")) {
            return USAGE;
        }
        String refusal = refusal(registry, name, version);
        return refusal != null ? refusal : pin(name, Version.parseVersion(version));
    }

    /** {@code wren:models unpin <name>} or {@code wren:models rollback <name>} (pins the previous version). */
    @org.apache.felix.service.command.Descriptor("unpin <name>: the highest version serves again (or the"
            + " configuration's pin); rollback <name>: pins the installed version below the serving one")
    public String models(@org.apache.felix.service.command.Descriptor("unpin or rollback") String command,
            @org.apache.felix.service.command.Descriptor("a model's name, e.g. vibration-classifier") String name)
            throws IOException {
        return switch (command) {
            case "unpin" -> pin(name, null);
            case "rollback" -> {
                Version previous = registry.previous(name);
                yield previous == null ? "no installed version of " + name + " below the serving one\n"
                        : pin(name, previous);
            }
            default -> USAGE;
        };
    }

    /** Any other arguments: the usage. */
    @org.apache.felix.service.command.Descriptor("any other arguments: prints the usage")
    public String models(
            @org.apache.felix.service.command.Descriptor("pin <name> <version>, unpin <name> or rollback <name>")
            String... words) {
        return USAGE;
    }

    /** @return why {@code version} of {@code name} cannot be pinned (it is no version, or not installed), or null */
    static String refusal(Registry registry, String name, String version) {
        Version v;
        try {
            v = Version.parseVersion(version.trim());
        } catch (IllegalArgumentException e) {
            return "not a version: '" + version + "' (e.g. 1.0.0); " + USAGE;
        }
        Registry.Slot slot = registry.slots().get(name);
        List<Version> installed = new ArrayList<>();
        if (slot != null) {
            slot.versions().forEach(m -> installed.add(m.descriptor().version()));
        }
        if (installed.isEmpty()) {
            List<String> names = new ArrayList<>();
            new java.util.TreeMap<>(registry.slots()).forEach((n, s) -> {
                if (!s.versions().isEmpty()) {
                    names.add(n);
                }
            });
            return "no version of " + name + " is installed; installed models: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + "\n";
        }
        if (!installed.contains(v)) {
            return name + " " + v + " is not installed; installed versions: "
                    + String.join(", ", installed.stream().map(Version::toString).toList()) + "\n";
        }
        return null;
    }

    private String pin(String name, Version version) throws IOException {
        consolePins.set(name, version);
        Registry.Settings c = configured;
        registry.settings(withConsolePins(c));
        Version byConfiguration = c.pins().get(name);
        if (version != null) {
            return name + " pinned to " + version + " (kept in the data directory, over the configuration's pinned)\n";
        }
        return byConfiguration == null ? name + " unpinned\n"
                : name + " unpinned in the shell; still pinned to " + byConfiguration + " by the configuration (pinned)\n";
    }

    private Registry.Settings withConsolePins(Registry.Settings c) {
        return new Registry.Settings(consolePins.over(c.pins()), c.canary(), c.canaryWindows(), c.canaryAgreement());
    }
}
