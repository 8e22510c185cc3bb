package dev.wren.store.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
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
import org.osgi.service.metatype.annotations.Option;

import dev.wren.data.DataDirectory;
import dev.wren.store.Backlog;
import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxStats;
import dev.wren.store.Stored;

/**
 * The gateway's outbox service: a {@link DerbyOutbox} in the data directory, its bounds
 * configurable at run time, and {@code wren:outbox} in the shell. It runs once its configuration exists
 * (Kura seeds one for every singleton; the standalone runtime's defaults in config/ hold one), and its
 * registration carries {@code service.pid} and {@code kura.service.pid} from the start, as Kura lists it.
 */
@Component(configurationPid = OutboxService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Outbox.class, ConfigurableComponent.class, OutboxService.class},
        property = {"osgi.command.scope=wren", "osgi.command.function=outbox",
            "kura.service.pid=" + OutboxService.PID})
@Designate(ocd = OutboxService.Config.class)
public class OutboxService implements Outbox, ConfigurableComponent {

    public static final String PID = "dev.wren.store.Outbox";

    @ObjectClassDefinition(id = PID, name = "Wren outbox",
            description = "Durable store of everything waiting to leave the gateway.")
    public @interface Config {

        @AttributeDefinition(name = "Path", required = false,
                description = "Directory of the outbox database; empty = 'outbox' in the data directory."
                        + " Messages stored under an old path stay there.")
        String path() default "";

        @AttributeDefinition(name = "Maximum bytes", min = "65536", max = "1099511627776",
                description = "Payload bytes held at most.")
        long max_bytes() default 64L << 20;

        @AttributeDefinition(name = "Maximum messages", min = "1", max = "1000000000", description = "Messages held at most.")
        long max_count() default 1_000_000;

        @AttributeDefinition(name = "Maximum payload (bytes)", min = "2", max = "32672",
                description = "Larger messages are refused at put.")
        int max_payload_bytes() default 16 << 10;

        @AttributeDefinition(name = "When full", options = {
            @Option(label = "Evict the oldest of the least urgent priority", value = "evict"),
            @Option(label = "Refuse new messages", value = "reject")},
                description = "Messages of priority 0 are never evicted.")
        String when_full() default "evict";

        @AttributeDefinition(name = "Reserve for a full disk (bytes)", min = "0", max = "1073741824",
                description = "Space kept in a file beside the database and given up when the disk fills, so the"
                        + " outbox can still evict and store alerts; 0 = none. Applied when the outbox opens.")
        long reserve_bytes() default 2L << 20;
    }

    /** A validated configuration. */
    record Settings(Path path, OutboxLimits limits, long reserveBytes) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c, Path dataDir) {
            if (!"evict".equals(c.when_full()) && !"reject".equals(c.when_full())) {
                throw new IllegalArgumentException("when.full: must be evict or reject, was '" + c.when_full() + "'");
            }
            if (c.max_payload_bytes() < 2 || c.max_payload_bytes() > OutboxLimits.PAYLOAD_CEILING) {
                throw new IllegalArgumentException("max.payload.bytes: must be 2 to " + OutboxLimits.PAYLOAD_CEILING
                        + ", was " + c.max_payload_bytes());
            }
            if (c.max_bytes() < 65_536 || c.max_bytes() < c.max_payload_bytes()) {
                throw new IllegalArgumentException("max.bytes: must be at least 65536 and at least max.payload.bytes, was "
                        + c.max_bytes());
            }
            if (c.max_count() < 1) {
                throw new IllegalArgumentException("max.count: must be at least 1, was " + c.max_count());
            }
            if (c.reserve_bytes() < 0 || c.reserve_bytes() > 1L << 30) {
                throw new IllegalArgumentException("reserve.bytes: must be 0 to 1073741824, was " + c.reserve_bytes());
            }
            Path path;
            try {
                path = c.path().isBlank() ? dataDir.resolve("outbox") : Path.of(c.path().trim());
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("path: not a file system path (" + e.getReason() + ")");
            }
            Path absolute = path.toAbsolutePath().normalize();
            for (String system : new String[] {"/proc", "/sys", "/dev"}) {
                if (absolute.startsWith(system)) {
                    throw new IllegalArgumentException("path: must not be under " + system + ", was " + absolute);
                }
            }
            return new Settings(path.toAbsolutePath().normalize(), new OutboxLimits(c.max_bytes(), c.max_count(),
                    c.max_payload_bytes(), "evict".equals(c.when_full())), c.reserve_bytes());
        }
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    private Path dataDir;
    private volatile Settings settings;
    private volatile DerbyOutbox outbox;

    @Activate
    void activate(BundleContext context, Config config) throws OutboxException {
        dataDir = DataDirectory.of(context);
        try {
            settings = Settings.of(config, dataDir);
        } catch (IllegalArgumentException e) {
            log.error("Outbox configuration refused, using the defaults: {}", e.getMessage());
            settings = defaults();
        }
        try {
            outbox = open(settings);
        } catch (OutboxException e) {
            if (settings.path().equals(defaults().path())) {
                throw e;
            }
            log.error("Outbox configuration refused, path: cannot open {} ({}); using the default path {}",
                    settings.path(), e.getMessage(), defaults().path());
            settings = new Settings(defaults().path(), settings.limits(), settings.reserveBytes());
            outbox = open(settings);
        }
    }

    private Settings defaults() {
        return new Settings(dataDir.resolve("outbox").toAbsolutePath().normalize(), OutboxLimits.DEFAULTS,
                DerbyOutbox.RESERVE_BYTES);
    }

    @Modified
    void modified(Config config) throws OutboxException {
        Settings next;
        try {
            next = Settings.of(config, dataDir);
        } catch (IllegalArgumentException e) {
            log.error("Outbox configuration refused, keeping the last good one: {}", e.getMessage());
            return;
        }
        if (next.path().equals(settings.path())) {
            outbox.limits(next.limits());
        } else {
            DerbyOutbox old = outbox;
            try {
                outbox = open(next);
            } catch (OutboxException e) {
                log.error("Outbox configuration refused, path: cannot open {} ({}); keeping the last good one, {}",
                        next.path(), e.getMessage(), settings.path());
                return;
            }
            old.close();
            log.info("Outbox moved to {}; messages under {} stay there", next.path(), old.path().getParent());
        }
        settings = next;
    }

    @Deactivate
    void deactivate() {
        outbox.close();
    }

    private DerbyOutbox open(Settings s) throws OutboxException {
        long t0 = System.nanoTime();
        DerbyOutbox o = DerbyOutbox.open(s.path(), s.limits(), this::report, s.reserveBytes());
        OutboxStats st = o.stats();
        log.info("Outbox open in {} ms at {}: {} messages, {} bytes waiting",
                (System.nanoTime() - t0) / 1_000_000, s.path(), st.stored(), st.storedBytes());
        return o;
    }

    /** What the outbox found and did, logged at its level; losses and moves also posted as events. */
    private void report(Reports.Kind kind, String message, Map<String, Object> properties) {
        switch (kind) {
            case MOVED_ASIDE, LOST, DISK_FULL -> log.error(message);
            case SALVAGED, REBUILT -> log.warn(message);
            default -> log.info(message);
        }
        String topic = switch (kind) {
            case MOVED_ASIDE -> TOPIC_DATABASE_MOVED;
            case LOST -> TOPIC_MESSAGES_LOST;
            default -> null;
        };
        EventAdmin ea = events;
        if (topic != null && ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }

    @Override
    public long put(Message message) throws OutboxException, InterruptedException {
        return outbox.put(message);
    }

    @Override
    public List<Stored> take(int max, long timeout, TimeUnit unit) throws OutboxException, InterruptedException {
        return outbox.take(max, timeout, unit);
    }

    @Override
    public void acknowledge(long id) {
        outbox.acknowledge(id);
    }

    @Override
    public void release(long id) {
        outbox.release(id);
    }

    @Override
    public OutboxStats stats() {
        return outbox.stats();
    }

    @Override
    public Backlog backlog() {
        return outbox.backlog();
    }

    static final String USAGE = "usage: outbox | outbox salvage <database directory>";

    /**
     * Gogo {@code wren:outbox salvage <dir>}: reads the readable rows of a damaged outbox database
     * (such as {@code db.unreadable-<time>} beside the outbox's) back into the outbox.
     */
    @Descriptor("salvage <dir>: reads the readable rows of a damaged outbox database (such as db.unreadable-<time>"
            + " beside the outbox's) back into the outbox")
    public String outbox(@Descriptor("salvage") String action,
            @Descriptor("the damaged database's directory") String directory) throws InterruptedException {
        if (!"salvage".equals(action)) {
            return USAGE;
        }
        try {
            String done = outbox.salvage(Path.of(directory));
            log.warn("Outbox salvage of {}: {}", directory, done);
            return done;
        } catch (OutboxException | java.nio.file.InvalidPathException e) {
            return "salvage refused: " + e.getMessage();
        }
    }

    /** Gogo {@code wren:outbox}: what the outbox holds and has done. */
    @Descriptor("what the outbox holds (sizes in kB/MB, exact bytes beside), its bounds and its counters")
    public String outbox() {
        return describe(settings, stats());
    }

    /** Gogo {@code wren:outbox} with other arguments: the usage. */
    @Descriptor("any other arguments: prints the usage")
    public String outbox(@Descriptor("salvage <database directory>, or nothing") String... words) {
        return USAGE;
    }

    static String describe(Settings c, OutboxStats s) {
        return String.format("outbox %s%n  held %d messages, %s (%d bytes) (bounds %d messages, %s, when full: %s)%n"
                + "  in flight %d%n  accepted %d, rejected %d, delivered %d, evicted %d, expired %d, resent %d",
                c.path(), s.stored(), Bytes.human(s.storedBytes()), s.storedBytes(), c.limits().maxCount(),
                Bytes.human(c.limits().maxBytes()), c.limits().evict() ? "evict" : "reject", s.inFlight(), s.accepted(),
                s.rejected(), s.delivered(), s.evicted(), s.expired(), s.resent());
    }
}
