package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.inference.SuspectWindowSink;
import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;

/**
 * The power manager in a running gateway: the mode follows the sources it is given, is published
 * as the service property and an event with the reason and as readings of its own sensor, and a
 * contradictory configuration is refused by name while the last good one stays.
 */
class PowerTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    PowerState power;

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @AfterEach
    void restore() throws Exception {
        Gateway.configure(cm);
        Gateway.await("FULL again", () -> power.mode() == PowerMode.FULL, power::reason);
        Gateway.await("the raw window sink started again", () -> context.getServiceReference(SuspectWindowSink.class) != null);
    }

    @Test
    void aDischargingButHealthyBatteryIsFullAndReportsItsTimeToEmpty() throws Exception {
        Gateway.await("FULL", () -> power.mode() == PowerMode.FULL, power::reason);
        assertEquals("FULL", context.getServiceReference(PowerState.class).getProperty(PowerState.MODE));
        Gateway.await("the time to empty among the power manager's readings",
                () -> energyReadings().getOrDefault("power.time.to.empty", 0.0) > 0, this::energyReadings);
        Map<String, Double> energy = energyReadings();
        assertEquals(0.0, energy.get("power.mode"), energy.toString());
        assertEquals(3.06, energy.get("power.draw"), "FULL: the simulated board counts as a Raspberry Pi 4, whose"
                + " published idle draw is 3.06 W: " + energy);
        assertTrue(Gateway.command(context, "power").contains("board raspberrypi-4 (the platform's simulated)"),
                () -> Gateway.command(context, "power"));
    }

    @Test
    void throttlingMakesItDegradedWithTheReasonAndTheEvent() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add,
                new java.util.Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, PowerState.TOPIC_MODE_CHANGED)));
        try {
            long start = System.nanoTime();
            Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target",
                    "(|(sensor.id=battery-it)(sensor.id=throttling-it))", "mode.override", "", "dwell.s", 1L));
            Gateway.await("DEGRADED", () -> power.mode() == PowerMode.DEGRADED, power::reason);
            long decided = System.nanoTime();
            Gateway.await("the sampler and the pipeline in DEGRADED",
                    () -> Gateway.command(context, "sensors").startsWith("mode DEGRADED")
                            && Gateway.command(context, "pipeline").startsWith("power mode DEGRADED"));
            System.out.printf("power: DEGRADED decided %.1f ms after the throttled flag's source was added (read every"
                    + " 50 ms), sampler and pipeline adapted %.1f ms after that%n", (decided - start) / 1e6,
                    (System.nanoTime() - decided) / 1e6);
            assertTrue(power.reason().contains("throttl"), power.reason());
            ServiceReference<PowerState> ref = context.getServiceReference(PowerState.class);
            assertEquals("DEGRADED", ref.getProperty(PowerState.MODE));
            Gateway.await("the event", () -> events.stream().anyMatch(e -> "DEGRADED".equals(e.getProperty(PowerState.EVENT_TO))));
            Event e = events.stream().filter(x -> "DEGRADED".equals(x.getProperty(PowerState.EVENT_TO))).findFirst().orElseThrow();
            assertEquals("FULL", e.getProperty(PowerState.EVENT_FROM));
            assertTrue(String.valueOf(e.getProperty(PowerState.EVENT_REASON)).contains("throttl"), e.toString());
        } finally {
            handler.unregister();
        }
    }

    @Test
    void theOverrideWinsEveryoneAdaptsAndAContradictoryConfigurationIsRefusedByName() throws Exception {
        long start = System.nanoTime();
        Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)",
                "mode.override", "MINIMAL", "dwell.s", 1L));
        Gateway.await("MINIMAL", () -> power.mode() == PowerMode.MINIMAL, power::reason);
        long decided = System.nanoTime();
        Gateway.await("the sampler and the pipeline in MINIMAL",
                () -> Gateway.command(context, "sensors").startsWith("mode MINIMAL")
                        && Gateway.command(context, "pipeline").startsWith("power mode MINIMAL"));
        long adapted = System.nanoTime();
        System.out.printf("power: MINIMAL decided %.1f ms after the configuration update, sampler and pipeline adapted"
                + " %.1f ms after that%n", (decided - start) / 1e6, (adapted - decided) / 1e6);
        Gateway.await("the raw window sink, which belongs to FULL, stopped",
                () -> context.getServiceReference(SuspectWindowSink.class) == null);
        Map<String, Double> energy = energyReadings();
        assertEquals(2.0, energy.get("power.mode"), energy.toString());
        Gateway.await("the actuators on the fake sysfs in MINIMAL",
                () -> Gateway.command(context, "power").contains("modelled (actuators save 0.575 W)"),
                () -> Gateway.command(context, "power"));
        energy = energyReadings();
        assertEquals(2.485, energy.get("power.draw"), 1e-9, "MINIMAL: the Pi 4's 3.06 W less its two LEDs off (0.025 W"
                + " each), the CPU capped (0.2 W), Wi-Fi and Bluetooth blocked (0.1 W each) and its HDMI output off"
                + " (0.125 W): " + energy);
        Path rfkill = Path.of(context.getProperty("wren.data.dir"), "fake-sys", "class", "rfkill");
        Gateway.await("Wi-Fi and Bluetooth blocked, the default route being over Ethernet", () -> read(rfkill.resolve("rfkill0"),
                "soft").equals("1") && read(rfkill.resolve("rfkill1"), "soft").equals("1"));
        assertEquals("off", read(rfkill.resolveSibling("drm").resolve("card1-HDMI-A-1"), "status"));
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)",
                    "mode.override", "", "degraded.enter", 40.0, "degraded.exit", 35.0));
            Gateway.await("the refusal named", () -> log.hasError("degraded.exit: must be above degraded.enter"));
            Thread.sleep(300);
            assertEquals(PowerMode.MINIMAL, power.mode(), "the last good configuration (the override) stays");
        }
    }

    /** The power manager's own sensor, read once: quantity to value. */
    private Map<String, Double> energyReadings() {
        try {
            ServiceReference<Sensor> ref = context.getServiceReferences(Sensor.class, "(sensor.id=energy)").iterator().next();
            try {
                return context.getService(ref).read().stream().collect(Collectors.toMap(Reading::quantity, Reading::value));
            } finally {
                context.ungetService(ref);
            }
        } catch (org.osgi.framework.InvalidSyntaxException | dev.wren.sensor.SensorException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The CPU frequency and LED actuators on a fake sysfs laid out as a Raspberry Pi 4's: MINIMAL caps the
     * CPU, sets powersave and darkens the LEDs; FULL and removing their configuration give back what was
     * found; a governor the kernel lacks and a missing LED are named in the log and change nothing else.
     */
    @Test
    void actuatorsFollowTheModeAndLeaveTheBoardAsFound() throws Exception {
        Path sys = Files.createTempDirectory(Path.of(context.getProperty("wren.data.dir")), "actuated-sys");
        Gateway.fakeBoard(sys);
        Path cpu = sys.resolve("devices/system/cpu/cpufreq/policy0");
        Path act = sys.resolve("class/leds/ACT");
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getConfiguration(Gateway.CPU_FREQUENCY, "?"), Map.of("enabled", true, "sysfs.root", sys.toString(),
                    "governor.degraded", "conservative", "governor.minimal", "powersave", "max.percent.minimal", 40));
            Gateway.update(cm.getConfiguration(Gateway.LEDS, "?"), Map.of("enabled", true, "sysfs.root", sys.toString(),
                    "leds", new String[] {"ACT", "led9"}, "off.from", "MINIMAL"));
            Gateway.await("the LEDs' missing one named", () -> log.hasWarning("led9/trigger is missing"));
            Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)",
                    "mode.override", "MINIMAL", "dwell.s", 1L));
            Gateway.await("MINIMAL", () -> power.mode() == PowerMode.MINIMAL, power::reason);
            Gateway.await("the CPU capped and in powersave, the LED off", () -> read(cpu, "scaling_governor").equals("powersave")
                    && read(cpu, "scaling_max_freq").equals("600000") && read(act, "trigger").equals("none"),
                    () -> log.entries.stream().map(e -> e.getMessage()).toList());
            assertTrue(log.has("CPU frequency: MINIMAL applied"), "the CPU actuator logs what it did");
            log.entries.stream().map(e -> e.getMessage()).filter(m -> m.contains(" applied "))
                    .forEach(m -> System.out.println("power actuator: " + m));
            Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)",
                    "mode.override", "DEGRADED", "dwell.s", 1L));
            Gateway.await("DEGRADED", () -> power.mode() == PowerMode.DEGRADED, power::reason);
            Gateway.await("conservative is not offered: the governor stays, the cap follows DEGRADED",
                    () -> log.hasWarning("governor conservative is not offered by the kernel")
                            && read(cpu, "scaling_max_freq").equals("1200000"));
            assertEquals("ondemand", read(cpu, "scaling_governor"), "the governor found, as conservative is not offered");
            assertEquals("mmc0", read(act, "trigger"), "off from MINIMAL only: back in DEGRADED");
            Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)",
                    "mode.override", "MINIMAL", "dwell.s", 1L));
            Gateway.await("off again", () -> read(act, "trigger").equals("none") && read(cpu, "scaling_max_freq").equals("600000"));
            String gatewayTree = Gateway.fakeSysfs().toString();
            Gateway.update(cm.getConfiguration(Gateway.CPU_FREQUENCY, "?"), Map.of("enabled", true, "sysfs.root", gatewayTree));
            Gateway.update(cm.getConfiguration(Gateway.LEDS, "?"), Map.of("enabled", true, "sysfs.root", gatewayTree));
            Gateway.await("the board as found once they leave it for another tree", () -> read(cpu, "scaling_governor")
                    .equals("ondemand") && read(cpu, "scaling_max_freq").equals("1500000") && read(act, "trigger").equals("mmc0"));
            assertEquals(PowerMode.MINIMAL, power.mode(), "the mode machine is not affected by its actuators");
            assertEquals(List.of(), log.errorsFrom("dev.wren"));
        }
    }

    /**
     * Duty-cycled sleep on a fake real-time clock, with {@code touch} standing in for the power-off: refused by
     * name without a clock; in MINIMAL the alarm is set a period after this power-on and the board "powered
     * off"; a next start (the component activated again) whose alarm passed long ago says the cycle was missed.
     */
    @Test
    void dutyCycleSetsTheAlarmPowersOffAndTheNextStartNoticesAMissedCycle() throws Exception {
        Path data = Path.of(context.getProperty("wren.data.dir"));
        Path sys = Files.createTempDirectory(data, "duty-sys");
        Path uptime = Files.writeString(sys.resolve("uptime"), "25.00 90.00\n");
        Path off = sys.resolve("powered-off");
        Path state = data.resolve("power/duty-cycle.state");
        Files.deleteIfExists(state);
        try (LogWatch log = new LogWatch(logReader)) {
            Map<String, Object> duty = new java.util.HashMap<>(Map.of("enabled", true, "sysfs.root", sys.toString(), "uptime.file",
                    uptime.toString(), "poweroff.command", "touch " + off, "period.s", 900L, "awake.min.s", 0L,
                    "awake.max.s", 1L));
            Gateway.update(cm.getConfiguration(Gateway.DUTY_CYCLE, "?"), duty);
            Gateway.await("refused without a clock", () -> log.hasWarning("Duty cycle refused: no wake source: " + sys
                    .resolve("class/rtc/rtc0/wakealarm") + " is missing"));
            Path wakealarm = Files.createDirectories(sys.resolve("class/rtc/rtc0")).resolve("wakealarm");
            Files.writeString(wakealarm, "");
            duty.put("rtc", "rtc0");
            duty.put("period.s", 901L);
            Gateway.update(cm.getConfiguration(Gateway.DUTY_CYCLE, "?"), duty);
            Thread.sleep(1500);
            assertTrue(Files.notExists(off), "not in FULL");
            long decided = System.currentTimeMillis();
            Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)",
                    "mode.override", "MINIMAL", "dwell.s", 1L));
            Gateway.await("powered off by the stand-in", () -> Files.exists(off), () -> log.entries.stream()
                    .map(e -> e.getMessage()).filter(m -> m.contains("Duty")).toList());
            System.out.printf("power: duty cycle powered off %d ms after MINIMAL was asked%n",
                    System.currentTimeMillis() - decided);
            long alarm = Long.parseLong(Files.readString(wakealarm).strip());
            long expected = decided / 1000 - 25 + 901;
            assertTrue(Math.abs(alarm - expected) <= 5, "a period after this power-on: " + alarm + " vs " + expected);
            assertTrue(log.has("Duty cycle: cycle 1: powering off after"), () -> log.entries.toString());
            String record = Files.readString(state);
            java.time.Instant now = java.time.Instant.now();
            Files.writeString(state, record.replaceAll("(?m)^off=.*$", "off=" + now.minusSeconds(7200))
                    .replaceAll("(?m)^alarm=.*$", "alarm=" + now.minusSeconds(7200 - 900)));
            duty.put("period.s", 900L);
            Gateway.update(cm.getConfiguration(Gateway.DUTY_CYCLE, "?"), duty);
            Gateway.await("the missed cycle said at the next start", () -> log.hasWarning("cycle 1: MISSED: the alarm was set for"),
                    () -> log.entries.stream().map(e -> e.getMessage()).filter(m -> m.contains("Duty")).toList());
            assertTrue(Files.readString(data.resolve("power/duty-cycle.log")).contains("cycle 1: MISSED"));
            assertEquals(PowerMode.MINIMAL, power.mode(), "the mode machine is not affected");
        } finally {
            Files.deleteIfExists(state);
        }
    }

    private static String read(Path dir, String attribute) {
        try {
            return Files.readString(dir.resolve(attribute)).strip();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
