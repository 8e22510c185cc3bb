package dev.wren.driver.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;

/**
 * The gateway's own health as a sensor: CPU usage and load, memory, JVM heap and threads, free
 * disk on the data directory, uptimes and every thermal zone the kernel exposes.
 */
@Component(
        configurationPid = Health.PID,
        immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Sensor.class, ConfigurableComponent.class},
        property = Sensor.KIND + "=health")
@Designate(ocd = Health.Config.class, factory = true)
public class Health implements Sensor, ConfigurableComponent {

    public static final String PID = "dev.wren.driver.health.Health";

    @ObjectClassDefinition(id = PID, name = "Wren gateway health",
            description = "The gateway itself as a sensor: CPU, memory, heap, threads, free disk, uptime and thermal zones.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id",
                description = "Unique id of this sensor on the gateway: letters, digits, '.', '_' or '-', at most 64.")
        String sensor_id() default "gateway";

        @AttributeDefinition(name = "Data directory", required = false,
                description = "Existing directory whose file system's free space is reported. Empty = the gateway's data directory (created if missing).")
        String data_dir() default "";

        @AttributeDefinition(name = "procfs root", description = "Where /proc is mounted (changed only by tests).")
        String proc_root() default "/proc";

        @AttributeDefinition(name = "Thermal root", description = "Directory holding the thermal_zone* entries.")
        String thermal_root() default "/sys/class/thermal";

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in FULL mode, in milliseconds; 0 = not read; else 10 to 86400000.")
        long sampling_period_full_ms() default 10_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 60_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 300_000;
    }

    /** A validated configuration: replaced whole, or not at all. */
    record Settings(String id, Path dataDir, Path procRoot, ThermalZones thermal) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c, Path frameworkDataDir) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            Path dataDir;
            if (c.data_dir().isBlank()) {
                dataDir = frameworkDataDir.toAbsolutePath();
                try {
                    Files.createDirectories(dataDir);
                } catch (IOException e) {
                    throw new IllegalArgumentException("data.dir: the gateway's data directory " + dataDir
                            + " cannot be created: " + e.getMessage());
                }
            } else {
                dataDir = Path.of(c.data_dir()).toAbsolutePath();
            }
            if (!Files.isDirectory(dataDir)) {
                throw new IllegalArgumentException("data.dir: must be an existing directory, was '" + dataDir + "'");
            }
            return new Settings(c.sensor_id(), dataDir, Path.of(c.proc_root()),
                    ThermalZones.scan(Path.of(c.thermal_root())));
        }
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private final CpuUsage cpu = new CpuUsage();
    private volatile Settings settings;
    private Path frameworkDataDir;

    @Activate
    void activate(BundleContext context, Config config) {
        frameworkDataDir = DataDirectory.of(context);
        settings = Settings.of(config, frameworkDataDir);
        log.info("Health sensor {} active: data dir {}, {} thermal zone(s)", settings.id(), settings.dataDir(),
                settings.thermal().size());
    }

    @Modified
    void modified(Config config) {
        try {
            settings = Settings.of(config, frameworkDataDir);
        } catch (RuntimeException e) {
            log.error("Configuration of health sensor {} refused, keeping the last good one: {}",
                    settings.id(), e.getMessage());
        }
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public List<Reading> read() {
        Settings s = settings;
        long now = System.currentTimeMillis();
        List<Reading> out = new ArrayList<>(16);
        Runtime rt = Runtime.getRuntime();
        add(out, s, "heap.used", rt.totalMemory() - rt.freeMemory(), "B", now);
        add(out, s, "heap.max", rt.maxMemory(), "B", now);
        add(out, s, "jvm.threads", ManagementFactory.getThreadMXBean().getThreadCount(), "", now);
        add(out, s, "uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0, "s", now);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            add(out, s, "cpu.load", load, "", now);
        }
        double usage = cpu.sample(s.procRoot().resolve("stat"));
        if (usage >= 0) {
            add(out, s, "cpu.usage", usage, "%", now);
        }
        ProcFiles.memAvailableBytes(s.procRoot()).ifPresent(v -> add(out, s, "memory.available", v, "B", now));
        ProcFiles.uptimeSeconds(s.procRoot()).ifPresent(v -> add(out, s, "system.uptime", v, "s", now));
        disk(out, s, now);
        for (Map.Entry<String, Double> zone : s.thermal().read().entrySet()) {
            add(out, s, "thermal." + zone.getKey(), zone.getValue(), "degC", now);
        }
        return out;
    }

    /** Free space of the data directory; left out of this read if the file system cannot say. */
    private static void disk(List<Reading> out, Settings s, long now) {
        try {
            FileStore store = Files.getFileStore(s.dataDir());
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            add(out, s, "disk.free", free, "B", now);
            if (total > 0) {
                add(out, s, "disk.used", 100.0 * (total - free) / total, "%", now);
            }
        } catch (IOException e) {
            // e.g. the directory was removed: the other values are still good
        }
    }

    private static void add(List<Reading> out, Settings s, String quantity, double value, String unit, long now) {
        out.add(new Reading(s.id(), quantity, value, unit, now));
    }
}
