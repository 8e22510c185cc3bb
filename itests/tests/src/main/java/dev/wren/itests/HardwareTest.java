package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.hardware.Board;
import dev.wren.hardware.simulator.Fault;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimDevice;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.SensorEvents;
import dev.wren.sensor.Window;

/** Drivers on the simulated board through the platform's Pi4J context, as on a Raspberry Pi. */
class HardwareTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    SimBoard board;

    @InjectService(timeout = 20_000)
    Board platform;

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    private static boolean has(CollectingSink sink, String quantity, double value, double tolerance) {
        return sink.batches.stream().flatMap(List::stream)
                .anyMatch(r -> r.quantity().equals(quantity) && Math.abs(r.value() - value) <= tolerance);
    }

    @Test
    void theShellScriptsTheBoardAndAScenarioFileRunsOnANewBoard() throws Exception {
        assertTrue(sim().contains("0x76 on bus 1"), sim());
        assertEquals("ok", sim("temperature", "30.5"));
        assertEquals(30.5, board.environment().temperatureC());
        assertEquals("refused: no chip at 0x19 on bus 1", sim("fault", "1:0x19", "nack"));

        java.nio.file.Path script = java.nio.file.Path.of(context.getProperty("wren.data.dir"), "it.scenario");
        java.nio.file.Files.writeString(script, "# humid afternoon\nat 300ms humidity 77\n");
        Configuration sim = cm.getConfiguration(Gateway.SIMULATOR, "?");
        Dictionary<String, Object> props = sim.getProperties();
        props.put("scenario", script.toString());
        CollectingSink air = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, air, "(sensor.id=air-it)");
        try {
            sim.update(props);
            Gateway.await("the scenario's humidity read by the BME280 on the rebuilt board",
                    () -> has(air, "humidity", 77, 0.1), air.batches::toString);
        } finally {
            reg.unregister();
        }
    }

    @Test
    void onARaspberryPiTheRealProvidersAreUsedAndAMissingBusFaultsTheDrivers() throws Exception {
        java.nio.file.Path model = Gateway.fakeSysfs().resolve("model");
        java.nio.file.Files.writeString(model, "Raspberry Pi 5 Model B Rev 1.0\0");
        Configuration platformConfig = cm.getConfiguration(Gateway.PLATFORM, "?");
        Dictionary<String, Object> props = platformConfig.getProperties();
        Object simulated = props.get("device.tree.model");
        CollectingSink health = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, health, "(sensor.kind=health)");
        try (LogWatch log = new LogWatch(logReader)) {
            props.put("device.tree.model", model.toString());
            platformConfig.update(props);
            Gateway.await("a Raspberry Pi 5 board built on Pi4J's linuxfs and gpiod providers",
                    () -> boards("raspberrypi-5") > 0);
            // this machine has no /dev/i2c-1: each driver faults with the reason, the gateway goes on
            Gateway.await("the BME280 faulted with the kernel's reason", () -> log.hasWarning(
                    "Sensor air-it faulted after 3 failed reads: UNAVAILABLE: I2C bus 1 cannot be opened"));
            int before = health.size();
            Gateway.await("health readings meanwhile", () -> health.size() >= before + 3);
        } finally {
            reg.unregister();
            props.put("device.tree.model", simulated);
            platformConfig.update(props);
            Gateway.await("the simulated board back",
                    () -> boards("simulated") > 0);
        }
    }

    private int boards(String profile) {
        try {
            return context.getServiceReferences(Board.class, "(board.profile=" + profile + ")").size();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Runs {@code wren:sim} the way the Gogo shell does: by name, on the service object. */
    private String sim(String... words) throws Exception {
        var refs = context.getServiceReferences((String) null, "(&(osgi.command.scope=wren)(osgi.command.function=sim))");
        Object service = context.getService(refs[0]);
        try {
            return (String) service.getClass().getMethod("sim", String[].class).invoke(service, (Object) words);
        } finally {
            context.ungetService(refs[0]);
        }
    }

    @Test
    void theSimulatedBoardIsChosenWithoutADeviceTree() {
        assertEquals("simulated", platform.profile().name());
        assertEquals(List.of(1), platform.profile().i2cBuses());
    }

    @Test
    void bme280ReadsTheSimulatedAir() throws Exception {
        board.environment().temperatureC(23.4);
        board.environment().pressurePa(99_000);
        board.environment().humidityPercent(40);
        CollectingSink air = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, air, "(sensor.id=air-it)");
        try {
            Gateway.await("BME280 readings of the scripted air", () -> has(air, "temperature", 23.4, 0.02)
                    && has(air, "pressure", 99_000, 3) && has(air, "humidity", 40, 0.1), air.batches::toString);
        } finally {
            reg.unregister();
        }
    }

    @Test
    void powerChipsFollowTheBatteryModel() throws Exception {
        board.battery().externalPower(false);
        board.battery().loadCurrentA(0.6);
        board.battery().soc(0.18);
        CollectingSink power = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, power,
                "(|(sensor.kind=ina219)(sensor.kind=max17048)(sensor.kind=ads1115))");
        try {
            Gateway.await("the fuel gauge at 18 %, the load current and the divided battery voltage",
                    () -> has(power, "battery.soc", 18, 0.5) && has(power, "current", 0.6, 0.01)
                            && has(power, "ain0", board.battery().terminalVolts() / 2, 0.01), power.batches::toString);
        } finally {
            reg.unregister();
        }
    }

    @Test
    void mpu6050WindowsArriveWholeAtOneKilohertz() throws Exception {
        List<Window> windows = new CopyOnWriteArrayList<>();
        CollectingSink summaries = new CollectingSink(false) {
            @Override
            public void acceptWindow(Window window) {
                windows.add(window);
            }
        };
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, summaries, "(sensor.kind=mpu6050)");
        try {
            Gateway.await("ten windows", () -> windows.size() >= 10);
            Window w = windows.get(windows.size() - 1);
            assertEquals(List.of("accel.x", "accel.y", "accel.z"), w.channels());
            assertEquals(1000.0, w.rateHz());
            assertTrue(w.frames() > 0 && w.frames() <= 170, "frames per 100 ms window: " + w.frames());
            double seconds = windows.stream().mapToDouble(Window::frames).sum() / 1000.0;
            double span = (windows.get(windows.size() - 1).start() + w.durationMillis() - windows.get(0).start()) / 1000.0;
            assertEquals(span, seconds, span * 0.1 + 0.02, "every captured sample is in some window");
            double meanZ = 0;
            for (int f = 0; f < w.frames(); f++) {
                meanZ += w.sample(f, 2) / w.frames();
            }
            assertEquals(1.0, meanZ, 0.1, "gravity on z");
            Gateway.await("RMS summaries", () -> summaries.batches.stream().flatMap(List::stream)
                    .anyMatch(r -> r.quantity().equals("accel.x.rms")));
        } finally {
            reg.unregister();
        }
    }

    @Test
    void aChipThatStopsAnsweringFaultsItsSensorAloneAndRecovers() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "dev/wren/sensor/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, props);
        CollectingSink air = new CollectingSink(false);
        CollectingSink health = new CollectingSink(false);
        ServiceRegistration<ReadingSink> r1 = Gateway.register(context, air, "(sensor.id=air-it)");
        ServiceRegistration<ReadingSink> r2 = Gateway.register(context, health, "(sensor.kind=health)");
        SimDevice chip = board.device(1, 0x76).orElseThrow();
        try {
            Gateway.await("BME280 readings", () -> has(air, "temperature", board.environment().temperatureC(), 0.02));
            chip.fault(Fault.NACK);
            Gateway.await("a quality reading of 0", () -> has(air, Reading.QUALITY, 0, 0));
            Gateway.await("the FAULTED event naming the chip", () -> events.stream().anyMatch(e -> e.getTopic().equals(SensorEvents.TOPIC_FAULTED)
                    && "air-it".equals(e.getProperty(SensorEvents.SENSOR))
                    && "BUS_ERROR".equals(e.getProperty(SensorEvents.FAULT))
                    && String.valueOf(e.getProperty(SensorEvents.MESSAGE)).contains("no ACK from 0x76 on i2c-1")), events::toString);
            int before = health.size();
            Gateway.await("health readings while the BME280 is faulted", () -> health.size() >= before + 3);

            chip.fault(Fault.NONE);
            Gateway.await("a quality reading of 1", () -> has(air, Reading.QUALITY, 1, 0));
            Gateway.await("the recovery event", () -> events.stream().anyMatch(e -> e.getTopic().equals(SensorEvents.TOPIC_RECOVERED)
                    && "air-it".equals(e.getProperty(SensorEvents.SENSOR))));
        } finally {
            chip.fault(Fault.NONE);
            r1.unregister();
            r2.unregister();
            handler.unregister();
        }
    }

    @Test
    void aSecondDriverOnTheSameAddressIsRefused() throws Exception {
        Configuration dup = cm.getFactoryConfiguration(Gateway.BME280, "dup", "?");
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(dup, Map.of("sensor.id", "air-dup", "i2c.address", "0x76", "sampling.period.full.ms", 50L));
            Gateway.await("the refusal naming the holder", () -> log.hasError("I2C address 0x76 on bus 1 is already used by bme280 'air-it'"));
            Gateway.await("air-dup faulted with that reason", () -> log.hasWarning("Sensor air-dup faulted after 3 failed reads: UNAVAILABLE: I2C address 0x76 on bus 1 is already used by bme280 'air-it'"));
            CollectingSink air = new CollectingSink(false);
            ServiceRegistration<ReadingSink> reg = Gateway.register(context, air, "(sensor.id=air-it)");
            try {
                Gateway.await("air-it still reading", () -> has(air, "temperature", board.environment().temperatureC(), 0.02));
            } finally {
                reg.unregister();
            }
        } finally {
            dup.delete();
        }
    }

    @Test
    void gpioInputsCountActivationsAndOutputsFollowConfiguration() throws Exception {
        CollectingSink motion = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, motion, "(sensor.id=motion-it)");
        Configuration relay = cm.getFactoryConfiguration(Gateway.GPIO, "relay", "?");
        try {
            Gateway.await("motion readings", () -> motion.size() >= 1);
            board.line(17).set(true);
            board.line(17).set(false);
            board.line(17).set(true);
            Gateway.await("motion seen with its two activations", () -> has(motion, "motion", 1, 0)
                    && motion.batches.stream().flatMap(List::stream).filter(r -> r.quantity().equals("motion.activations"))
                            .mapToDouble(Reading::value).sum() >= 2, motion.batches::toString);

            Dictionary<String, Object> on = relay.getProperties();
            on.put("output.active", true);
            relay.update(on);
            Gateway.await("the relay line driven high", () -> board.line(27).high());
            on.put("output.active", false);
            relay.update(on);
            Gateway.await("the relay line driven low", () -> !board.line(27).high());
        } finally {
            board.line(17).set(false);
            reg.unregister();
        }
    }
}
