package dev.wren.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.wren.power.PowerState;
import dev.wren.sensor.ReadingSink;

/** The configuration every in-framework test runs with, and small waiting helpers. */
final class Gateway {

    static final String SAMPLER = "dev.wren.sampling.Sampler";
    static final String HEALTH = "dev.wren.driver.health.Health";
    static final String LOG_SINK = "dev.wren.console.LogSink";
    static final String LOG_WRITER = "dev.wren.standalone.LogWriter";
    static final String CONSOLE_ACCESS = "dev.wren.standalone.WebConsoleAccess";
    static final String BATTERY = "dev.wren.driver.linux.Battery";
    static final String THROTTLING = "dev.wren.driver.linux.Throttling";
    static final String PLATFORM = "dev.wren.hardware.platform.Platform";
    static final String SIMULATOR = "dev.wren.hardware.simulator.Simulator";
    static final String BME280 = "dev.wren.driver.bme280.Bme280";
    static final String GPIO = "dev.wren.driver.gpio.Gpio";
    static final String MPU6050 = "dev.wren.driver.mpu6050.Mpu6050";
    static final String INA219 = "dev.wren.driver.ina219.Ina219";
    static final String MAX17048 = "dev.wren.driver.max17048.Max17048";
    static final String ADS1115 = "dev.wren.driver.ads1115.Ads1115";
    static final String OUTBOX = "dev.wren.store.Outbox";
    static final String OUTBOX_SINK = "dev.wren.store.OutboxSink";
    static final String UPLINK = "dev.wren.uplink.Uplink";
    static final String MODELS = "dev.wren.inference.Models";
    static final String POWER = "dev.wren.power.PowerManager";
    static final String CPU_FREQUENCY = "dev.wren.power.CpuFrequency";
    static final String LEDS = "dev.wren.power.Leds";
    static final String DUTY_CYCLE = "dev.wren.power.DutyCycle";
    static final String RADIOS = "dev.wren.power.Radios";
    static final String DISPLAY = "dev.wren.power.Display";
    static final String PIPELINE = "dev.wren.inference.Pipeline";
    static final String READING_PIPELINE = "dev.wren.inference.ReadingPipeline";
    static final String INSIGHT_SINK = "dev.wren.store.InsightSink";
    static final String WINDOW_SINK = "dev.wren.store.WindowSink";
    static final String GOSSIP = "dev.wren.gossip.Gossip";
    static final String OVERVIEW = "dev.wren.dashboard.Overview";
    static final String TRUST = "dev.wren.trust.TrustStore";
    static final String SENSOR_ID = "gateway-it";
    static final String KURA_SERVICE_PID = "kura.service.pid";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Gateway() {
    }

    /** Configures every Wren component, reading the health sensor every 50 ms. Idempotent. */
    static void configure(ConfigurationAdmin cm) throws IOException {
        update(cm.getConfiguration(SAMPLER, "?"), Map.of(
                "sampling.period.full.ms", 50L, "fault.threshold", 3, "fault.backoff.max.ms", 1000L, "threads", 1));
        update(cm.getFactoryConfiguration(HEALTH, "it", "?"), Map.of(
                "sensor.id", SENSOR_ID, "sampling.period.full.ms", 50L));
        update(cm.getFactoryConfiguration(LOG_SINK, "it", "?"), Map.of(
                "sensors.target", "(sensor.kind=health)", "interval.ms", 60_000L));
        update(cm.getConfiguration(LOG_WRITER, "?"), Map.of("level", "WARN"));
        update(cm.getConfiguration(OUTBOX, "?"), Map.of("max.count", 100_000L, "when.full", "evict"));
        update(cm.getFactoryConfiguration(OUTBOX_SINK, "it", "?"), Map.of(
                "sensors.target", "(sensor.id=" + SENSOR_ID + ")", "interval.ms", 200L, "channel", "{sensor}"));
        update(cm.getConfiguration(UPLINK, "?"), Map.of("broker.url", "", "gateway.id", ""));
        update(cm.getConfiguration(MODELS, "?"), Map.of("canary.enabled", true, "canary.windows", 50,
                "canary.agreement", 0.9));
        update(cm.getConfiguration(PIPELINE, "?"), Map.of("sensors.target", "(sensor.kind=mpu6050)",
                "trigger.model", "vibration-trigger", "classifier.model", "vibration-classifier", "analysis.frames", 1024,
                "debounce.windows", 3, "hysteresis", 0.15));
        update(cm.getConfiguration(READING_PIPELINE, "?"), Map.of("max.lanes", 64));
        update(cm.getConfiguration(OVERVIEW, "?"), Map.of("trend.minutes", 5, "trend.bucket.s", 1));
        update(cm.getFactoryConfiguration(INSIGHT_SINK, "it", "?"), Map.of("interval.ms", 60_000L));
        update(cm.getFactoryConfiguration(WINDOW_SINK, "it", "?"), Map.of("windows.target", "(sensor=raw-it)",
                "part.frames", 512));
        update(cm.getConfiguration(POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)", "mode.override", "",
                "dwell.s", 1L));
        update(cm.getConfiguration(CONSOLE_ACCESS, "?"), Map.of("username", "admin"));
        update(cm.getConfiguration(GOSSIP, "?"), Map.of("cluster.keys", ""));
        update(cm.getConfiguration(TRUST, "?"), Map.of("directory", ""));
        Path sys = fakeSysfs();
        update(cm.getConfiguration(CPU_FREQUENCY, "?"), Map.of("enabled", true, "sysfs.root", sys.toString()));
        update(cm.getConfiguration(LEDS, "?"), Map.of("enabled", true, "sysfs.root", sys.toString(), "leds", new String[] {"ACT", "PWR"},
                "off.from", "DEGRADED"));
        update(cm.getConfiguration(DISPLAY, "?"), Map.of("enabled", true, "sysfs.root", sys.toString()));
        update(cm.getConfiguration(RADIOS, "?"), Map.of("enabled", true, "sysfs.root", sys.toString(), "route.file",
                sys.resolve("route").toString()));
        update(cm.getConfiguration(DUTY_CYCLE, "?"), Map.of("enabled", true, "sysfs.root", sys.toString(), "uptime.file",
                sys.resolve("uptime").toString(), "poweroff.command", "touch " + sys.resolve("powered-off")));
        update(cm.getFactoryConfiguration(BATTERY, "it", "?"), Map.of("sensor.id", "battery-it",
                "power.supply.root", sys.resolve("power_supply").toString(), "sampling.period.full.ms", 50L));
        update(cm.getFactoryConfiguration(THROTTLING, "it", "?"), Map.of("sensor.id", "throttling-it",
                "path", sys.resolve("get_throttled").toString(), "sampling.period.full.ms", 50L));
        update(cm.getConfiguration(PLATFORM, "?"), Map.of("board.profile", "auto",
                "device.tree.model", sys.resolve("no-device-tree").toString()));
        update(cm.getConfiguration(SIMULATOR, "?"), Map.of("chips",
                "bme280@1:0x76, mpu6050@1:0x68, ina219@1:0x40, max17048@1:0x36, ads1115@1:0x48", "seed", 1L, "scenario", ""));
        update(cm.getFactoryConfiguration(BME280, "it", "?"), Map.of("sensor.id", "air-it", "i2c.address", "0x76",
                "sampling.period.full.ms", 100L));
        update(cm.getFactoryConfiguration(MPU6050, "it", "?"), Map.of("sensor.id", "pump-it", "i2c.address", "0x68",
                "sample.rate.hz", 1000, "sampling.period.full.ms", 100L));
        update(cm.getFactoryConfiguration(INA219, "it", "?"), Map.of("sensor.id", "power-it", "i2c.address", "0x40",
                "sampling.period.full.ms", 100L));
        update(cm.getFactoryConfiguration(MAX17048, "it", "?"), Map.of("sensor.id", "gauge-it", "i2c.address", "0x36",
                "sampling.period.full.ms", 100L));
        update(cm.getFactoryConfiguration(ADS1115, "it", "?"), Map.of("sensor.id", "adc-it", "i2c.address", "0x48",
                "channels", "0,1", "data.rate.sps", 860, "sampling.period.full.ms", 100L));
        update(cm.getFactoryConfiguration(GPIO, "motion", "?"), Map.of("sensor.id", "motion-it", "line", 17,
                "quantity", "motion", "sampling.period.full.ms", 50L));
        update(cm.getFactoryConfiguration(GPIO, "relay", "?"), Map.of("sensor.id", "relay-it", "line", 27,
                "direction", "output", "quantity", "relay", "sampling.period.full.ms", 50L));
    }

    /**
     * A Raspberry Pi's sysfs as far as the Linux sources and the actuators read it: a discharging battery,
     * throttling flags, one cpufreq policy, the two LEDs, an HDMI output, Wi-Fi and Bluetooth with the default
     * route over Ethernet, a real-time clock that can wake the board and the kernel's uptime and routes (files of their
     * own, where the kernel has /proc/uptime and /proc/net/route).
     */
    static Path fakeSysfs() throws IOException {
        Path sys = Path.of(FrameworkUtil.getBundle(Gateway.class).getBundleContext().getProperty("wren.data.dir"), "fake-sys");
        Path bat = Files.createDirectories(sys.resolve("power_supply/BAT0"));
        Files.writeString(bat.resolve("type"), "Battery\n");
        Files.writeString(bat.resolve("capacity"), "87\n");
        Files.writeString(bat.resolve("status"), "Discharging\n");
        Files.writeString(sys.resolve("get_throttled"), "50005\n");
        fakeBoard(sys);
        return sys;
    }

    /** What the actuators act on, as on a Raspberry Pi 4: one cpufreq policy (ondemand, 1.5 GHz) and LEDs ACT and PWR. */
    static void fakeBoard(Path sys) throws IOException {
        Path cpu = Files.createDirectories(sys.resolve("devices/system/cpu/cpufreq/policy0"));
        Files.writeString(cpu.resolve("scaling_governor"), "ondemand\n");
        Files.writeString(cpu.resolve("scaling_available_governors"), "ondemand userspace powersave performance\n");
        Files.writeString(cpu.resolve("scaling_max_freq"), "1500000\n");
        Files.writeString(cpu.resolve("cpuinfo_max_freq"), "1500000\n");
        Files.writeString(cpu.resolve("cpuinfo_min_freq"), "600000\n");
        Files.writeString(Files.createDirectories(sys.resolve("class/rtc/rtc0")).resolve("wakealarm"), "");
        Files.writeString(sys.resolve("uptime"), "25.00 90.00\n");
        for (String[] radio : List.of(new String[] {"rfkill0", "wlan"}, new String[] {"rfkill1", "bluetooth"})) {
            Path d = Files.createDirectories(sys.resolve("class/rfkill").resolve(radio[0]));
            Files.writeString(d.resolve("type"), radio[1] + "\n");
            Files.writeString(d.resolve("soft"), "0\n");
        }
        Files.createDirectories(sys.resolve("class/net/wlan0/wireless"));
        Files.writeString(Files.createDirectories(sys.resolve("class/drm/card1-HDMI-A-1")).resolve("status"), "disconnected\n");
        Files.writeString(sys.resolve("route"), "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
                + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\n");
        for (String led : List.of("ACT", "PWR")) {
            Path d = Files.createDirectories(sys.resolve("class/leds").resolve(led));
            Files.writeString(d.resolve("trigger"), led.equals("ACT") ? "none [mmc0] timer\n" : "[none] timer\n");
            Files.writeString(d.resolve("brightness"), led.equals("ACT") ? "0\n" : "255\n");
        }
    }

    /**
     * Replaces the configuration with {@code values} unless it already holds them. A {@code kura.service.pid}
     * already there stays, as Kura's configuration service keeps it on every write.
     */
    static void update(Configuration c, Map<String, Object> values) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>(values);
        Dictionary<String, Object> current = c.getProperties();
        if (current != null && same(current, values)) {
            return;
        }
        if (current != null && current.get(KURA_SERVICE_PID) != null) {
            props.put(KURA_SERVICE_PID, current.get(KURA_SERVICE_PID));
        }
        c.update(props);
    }

    /**
     * A secret as a configuration holds it: encrypted by the CryptoService when one runs (Kura stores every
     * Password attribute so), the plain text where none does (the standalone runtime).
     */
    static String secret(BundleContext context, String plain) {
        ServiceReference<CryptoService> ref = context.getServiceReference(CryptoService.class);
        if (ref == null || plain.isEmpty()) {
            return plain;
        }
        try {
            return new String(context.getService(ref).encryptAes(plain.toCharArray()));
        } catch (KuraException e) {
            throw new AssertionError("the CryptoService cannot encrypt", e);
        } finally {
            context.ungetService(ref);
        }
    }

    private static boolean same(Dictionary<String, Object> current, Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!java.util.Objects.deepEquals(e.getValue(), current.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static ServiceRegistration<ReadingSink> register(BundleContext context, ReadingSink sink, String target) {
        Dictionary<String, Object> props = new Hashtable<>();
        if (target != null) {
            props.put(ReadingSink.SENSORS_TARGET, target);
        }
        return context.registerService(ReadingSink.class, sink, props);
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@link #TIMEOUT}. */
    /** Calls a {@code wren:} shell command the way the Gogo shell does: by name, on the service object. */
    static String command(BundleContext context, String function, Object... args) {
        try {
            var refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=wren)(osgi.command.function=" + function + "))");
            if (refs == null || refs.length != 1) {
                throw new AssertionError("not one service provides wren:" + function);
            }
            Object service = context.getService(refs[0]);
            try {
                Class<?>[] types = new Class<?>[args.length];
                java.util.Arrays.fill(types, String.class);
                return (String) service.getClass().getMethod(function, types).invoke(service, args);
            } finally {
                context.ungetService(refs[0]);
            }
        } catch (ReflectiveOperationException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError("wren:" + function + " failed", e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}, adding {@code detail} to the failure message. */
    static void await(String what, BooleanSupplier condition, Supplier<?> detail) throws InterruptedException {
        await(what, TIMEOUT, condition, detail);
    }

    /** As {@link #await(String, BooleanSupplier, Supplier)}, waiting up to {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<?> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + " " + detail.get()
                        + power());
            }
            Thread.sleep(20);
        }
    }

    /** @return the power mode and its reason, which set how often everything is read, for a failure message */
    static String powerNow() {
        return power();
    }

    private static String power() {
        BundleContext context = FrameworkUtil.getBundle(Gateway.class).getBundleContext();
        ServiceReference<PowerState> ref = context.getServiceReference(PowerState.class);
        PowerState state = ref == null ? null : context.getService(ref);
        if (state == null) {
            return " (no power manager)";
        }
        try {
            return " (power " + state.mode() + ": " + state.reason() + ")";
        } finally {
            context.ungetService(ref);
        }
    }

    static List<Bundle> wrenBundles(BundleContext context) {
        return List.of(context.getBundles()).stream()
                .filter(b -> b.getSymbolicName().startsWith("dev.wren.") && !b.getSymbolicName().startsWith("dev.wren.itests"))
                .filter(b -> b.getHeaders().get("Fragment-Host") == null)
                .toList();
    }
}
