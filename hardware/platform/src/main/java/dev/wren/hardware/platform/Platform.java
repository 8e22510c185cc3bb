package dev.wren.hardware.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.configuration.ConfigurableComponent;
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
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProviderImpl;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProviderImpl;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProviderImpl;
import com.pi4j.provider.Provider;

import dev.wren.hardware.Board;
import dev.wren.hardware.BoardProfile;
import dev.wren.hardware.IoProviders;

/**
 * Chooses the board profile, builds one Pi4J context for it with explicitly registered providers
 * (linuxfs for I2C and gpiod for GPIO on a real board, an {@link IoProviders} service's
 * otherwise) and registers the {@link Board} service. A change of profile, or of the providers
 * it uses, unregisters the board (drivers stop and release their chips), shuts the old context
 * down and builds a new one.
 */
@Component(configurationPid = Platform.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = ConfigurableComponent.class,
        property = {"kura.service.pid=" + Platform.PID})
@Designate(ocd = Platform.Config.class)
public class Platform implements ConfigurableComponent {

    public static final String PID = "dev.wren.hardware.platform.Platform";
    private static final String AUTO = "auto";

    @ObjectClassDefinition(id = PID, name = "Wren hardware platform",
            description = "The board Wren runs on: detected from the device tree, or chosen here.")
    public @interface Config {

        @AttributeDefinition(name = "Board profile", description = "auto = from the device tree's model "
                + "(no device tree: the simulated board).", options = {
                    @Option(label = "auto", value = AUTO), @Option(label = "Raspberry Pi 4", value = "raspberrypi-4"),
                    @Option(label = "Raspberry Pi 5", value = "raspberrypi-5"),
                    @Option(label = "Generic aarch64 gateway", value = "generic-aarch64"),
                    @Option(label = "Simulated board", value = BoardProfile.SIMULATED)})
        String board_profile() default AUTO;

        @AttributeDefinition(name = "I2C buses", required = false,
                description = "Bus numbers drivers may open, comma separated; empty = the profile's.")
        String i2c_buses() default "";

        @AttributeDefinition(name = "GPIO chip", required = false, description = "Empty = the profile's.")
        String gpio_chip() default "";

        @AttributeDefinition(name = "Device-tree model file", description = "Where the kernel names the board.")
        String device_tree_model() default "/proc/device-tree/model";
    }

    record Settings(String profile, List<Integer> buses, String chip, Path modelFile) {

        static Settings of(Config c) {
            String p = c.board_profile().trim();
            if (!p.equals(AUTO) && !BoardProfiles.NAMES.contains(p)) {
                throw new IllegalArgumentException("board.profile: must be auto or one of " + BoardProfiles.NAMES
                        + ", was '" + p + "'");
            }
            return new Settings(p, BoardProfiles.buses(c.i2c_buses(), "i2c.buses"), c.gpio_chip(), Path.of(c.device_tree_model()));
        }
    }

    private final Map<IoProviders, String> ioProviders = new ConcurrentHashMap<>();
    private final BoardProfiles profiles = BoardProfiles.bundled();

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private BundleContext bundleContext;
    private Settings settings;
    private Context context;
    private ContextBoard board;
    private ServiceRegistration<Board> registration;
    private IoProviders inUse;
    private boolean active;
    private int generation;
    private String selected = "";
    private IoProviders pending;
    private ExecutorService builder;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addIoProviders(IoProviders providers, Map<String, Object> properties) {
        String profile = String.valueOf(properties.get(IoProviders.PROFILE));
        ioProviders.put(providers, profile);
        synchronized (this) {
            if (active && board == null && profile.equals(selected)) {
                start();
            }
        }
    }

    void removeIoProviders(IoProviders providers) {
        ioProviders.remove(providers);
        synchronized (this) {
            if (active && (providers == inUse || providers == pending)) {
                stop();
                start();
            }
        }
    }

    @Activate
    synchronized void activate(BundleContext bc, Config config) {
        bundleContext = bc;
        settings = Settings.of(config);
        builder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wren-board");
            t.setDaemon(true);
            return t;
        });
        active = true;
        start();
    }

    @Modified
    synchronized void modified(Config config) {
        try {
            Settings s = Settings.of(config);
            if (!s.equals(settings)) {
                settings = s;
                stop();
                start();
            }
        } catch (IllegalArgumentException e) {
            log.error("Configuration of the hardware platform refused, keeping the last good one: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        ExecutorService b;
        synchronized (this) {
            active = false;
            stop();
            b = builder;
        }
        b.shutdown();
        b.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void start() {
        String model = BoardProfiles.model(settings.modelFile());
        String name = settings.profile().equals(AUTO) ? profiles.detect(model) : settings.profile();
        selected = name;
        BoardProfile profile = profiles.profile(name, model, settings.buses(), settings.chip());
        List<Provider<?, ?, ?>> providers = new ArrayList<>();
        IoProviders source = null;
        if (profile.simulated()) {
            source = ioProviders.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (source == null) {
                log.info("Board profile {}: waiting for its I/O providers (is the simulator bundle installed?)", name);
                return;
            }
            providers.addAll(source.providers());
        } else {
            providers.add(new LinuxFsI2CProviderImpl());
            providers.add(new GpioDDigitalInputProviderImpl());
            providers.add(new GpioDDigitalOutputProviderImpl());
        }
        int gen = ++generation;
        IoProviders from = source;
        pending = source;
        builder.execute(() -> build(gen, profile, providers, from));
    }

    /**
     * Builds the context off the framework's start thread (Pi4J takes 70-110 ms here, reading the
     * board's identity) and registers the board, unless a newer start or a stop came meanwhile.
     */
    private void build(int gen, BoardProfile profile, List<Provider<?, ?, ?>> providers, IoProviders source) {
        long t0 = System.nanoTime();
        Context built;
        try {
            built = Pi4J.newContextBuilder().noAutoDetect().add(providers.toArray(new Provider[0])).build();
        } catch (RuntimeException | LinkageError e) {
            log.error("Board profile {}: the Pi4J context could not be built, no board for drivers: {}", profile.name(), e.toString());
            return;
        }
        synchronized (this) {
            if (gen != generation || !active) {
                built.shutdown();
                return;
            }
            pending = null;
            context = built;
            inUse = source;
            board = new ContextBoard(built, profile);
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Board.PROFILE, profile.name());
            registration = bundleContext.registerService(Board.class, board, props);
        }
        log.info("Board {} ({}{}): I2C buses {}, GPIO {}; Pi4J context built in {} ms", profile.name(), profile.description(),
                profile.model().isEmpty() ? "" : ", model '" + profile.model() + "'", profile.i2cBuses(), profile.gpioChip(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private void stop() {
        generation++;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping and the framework unregistered it already
            }
            registration = null;
        }
        if (board != null) {
            board.close();
            board = null;
        }
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                log.warn("Pi4J context shutdown: {}", e.toString());
            }
            context = null;
        }
        inUse = null;
    }
}
