package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.data.DataDirectory;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.inference.Model;
import dev.wren.sensor.Quantity;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;

/**
 * A third party's signed deployment package, built outside Wren's build against its published jars
 * (examples/sht31): an SHT31 driver, its simulated chip through the simulator's ChipModel
 * extension point, a sink and a summary-v1 model. Installed at run time through DeploymentAdmin,
 * its readings and insights flow end to end; removed, it leaves Wren running.
 */
class ExtensionTest extends GatewayTestBase {

    private static final String DRIVER = "org.example.wren.sht31.Sht31";
    private static final String LOG = "org.example.wren.greenhouse.GreenhouseLog";
    private static final String SENSOR = "greenhouse-it";
    private static final String MODEL = "condensation-risk";
    private static final Duration WINDOWS = Duration.ofSeconds(45);

    @InjectService(timeout = 20_000)
    DeploymentAdmin deployments;

    @Test
    void aThirdPartyPackageExtendsWrenEndToEndAndLeavesItRunningWhenRemoved() throws Exception {
        Path dp = Path.of(context.getProperty("wren.itests.example.dp"));
        assertTrue(Files.isRegularFile(dp), "the example's package, built by examples/: " + dp);
        Path csv = DataDirectory.of(context).resolve("greenhouse-it.csv");
        Files.deleteIfExists(csv);
        Configuration simulator = cm.getConfiguration(Gateway.SIMULATOR, "?");
        Gateway.update(simulator, Map.of("chips", "bme280@1:0x76, mpu6050@1:0x68, ina219@1:0x40, max17048@1:0x36,"
                + " ads1115@1:0x48, sht31@1:0x44", "seed", 1L, "scenario", ""));
        CollectingSink health = new CollectingSink(false);
        CollectingSink sht31 = new CollectingSink(false);
        List<Insight> insights = new CopyOnWriteArrayList<>();
        ServiceRegistration<ReadingSink> r1 = Gateway.register(context, health, "(sensor.kind=health)");
        ServiceRegistration<ReadingSink> r2 = Gateway.register(context, sht31, "(sensor.kind=sht31)");
        ServiceRegistration<InsightSink> r3 = context.registerService(InsightSink.class, insights::add,
                new Hashtable<>(Map.of(InsightSink.TARGET, "(sensor=" + SENSOR + ")")));
        DeploymentPackage installed = null;
        Configuration driver = cm.getFactoryConfiguration(DRIVER, "it", "?");
        Configuration log = cm.getConfiguration(LOG, "?");
        SimBoard board = null;
        double humidity = 0;
        try {
            try (InputStream in = Files.newInputStream(dp)) {
                installed = deployments.installDeploymentPackage(in);
            }
            assertEquals("org.example.wren.greenhouse", installed.getName());
            Gateway.update(driver, Map.of("sensor.id", SENSOR, "i2c.bus", 1, "i2c.address", "0x44",
                    "sampling.period.full.ms", 200L));
            Gateway.update(log, Map.of("file", csv.toString(), "sensors.target", "(sensor.kind=sht31)",
                    "insights.target", "(sensor=" + SENSOR + ")"));

            Gateway.await("temperature and humidity from the third party's SHT31 on the simulated board",
                    () -> sht31.batches.stream().flatMap(List::stream).map(Reading::quantity).distinct().count() == 2,
                    () -> sht31.batches);
            Gateway.await("the third party's model serving", () -> model() != null);
            Gateway.await("an insight of condensation-risk on " + SENSOR, WINDOWS,
                    () -> insights.stream().anyMatch(i -> i.model().equals(MODEL)), () -> insights);
            Insight first = insights.stream().filter(i -> i.model().equals(MODEL)).findFirst().orElseThrow();
            assertEquals("normal", first.label(), "the simulated air is dry: " + insights);
            assertTrue(first.inferNanos() > 0 && first.preNanos() > 0, "the latency split: " + first);

            ServiceReference<SimBoard> ref = context.getServiceReference(SimBoard.class);
            board = context.getService(ref);
            humidity = board.environment().humidityPercent();
            board.environment().humidityPercent(97);
            Gateway.await("condensation-risk firing on humid air", WINDOWS,
                    () -> insights.stream().anyMatch(i -> i.model().equals(MODEL) && i.label().equals("unusual")),
                    () -> insights);
            Gateway.await("the sink's readings and insights in its file", () -> lines(csv).stream()
                    .anyMatch(l -> l.startsWith("insight," + SENSOR + "," + MODEL + " 1.0.0,unusual"))
                    && lines(csv).stream().anyMatch(l -> l.startsWith("reading," + SENSOR + "," + Quantity.HUMIDITY)),
                    () -> lines(csv));

            installed.uninstall();
            installed = null;
            Gateway.await("the third party's sensor, model and chip model gone", () -> sensor() == null && model() == null
                    && context.getServiceReference("dev.wren.hardware.simulator.ChipModel") == null);
            int before = health.size();
            Gateway.await("Wren's own health readings after the package left", () -> health.size() > before + 3);
            assertTrue(context.getServiceReferences(ReadingSink.class, "(service.pid=" + Gateway.PIPELINE + ")")
                    .size() == 1, "the vibration pipeline runs on");
        } finally {
            if (installed != null) {
                installed.uninstall();
            }
            if (board != null) {
                board.environment().humidityPercent(humidity);
            }
            driver.delete();
            // the log's configuration stays, as Kura keeps a removed component's configuration (it seeded it)
            r1.unregister();
            r2.unregister();
            r3.unregister();
            Gateway.configure(cm);
        }
    }

    @InjectService(timeout = 20_000)
    LogReaderService logs;

    @Test
    void modelsAskingForAFeatureSetOrASensorThatDoesNotExistAreReportedByNameAndTheOthersServe() throws Exception {
        DeploymentPackage installed;
        try (InputStream in = Files.newInputStream(Path.of(context.getProperty("wren.itests.example.dp")))) {
            installed = deployments.installDeploymentPackage(in);
        }
        List<Bundle> variants = new java.util.ArrayList<>();
        try (LogWatch log = new LogWatch(logs)) {
            Gateway.await("the third party's model serving", () -> model(MODEL) != null);
            Bundle source = List.of(context.getBundles()).stream()
                    .filter(b -> b.getSymbolicName().equals("org.example.wren.model.condensation-risk-1.0.0")).findFirst()
                    .orElseThrow();
            variants.add(variant(source, "fft-model", json -> json.replace("\"summary-v1\"", "\"fft-v9\"")));
            variants.add(variant(source, "dry-air", json -> json.replace("(sensor.kind=sht31)", "(sensor.kind=no-such-chip)")));
            Gateway.await("the model asking for a feature set that does not exist refused by name", () -> log.entries.stream()
                    .anyMatch(e -> e.getMessage().contains("fft-model") && e.getMessage().contains(
                            "features: unknown feature set 'fft-v9'; this gateway computes vibration-v1, summary-v1")),
                    () -> log.entries.stream().map(e -> e.getMessage()).toList());
            Gateway.await("the model asking for a sensor that does not exist reported by name, waiting", () -> log.entries
                    .stream().anyMatch(e -> e.getMessage().equals("Reading pipeline: model dry-air 1.0.0 consumes sensors"
                            + " (sensor.kind=no-such-chip): no sensor matches; it waits for one")),
                    () -> log.entries.stream().map(e -> e.getMessage()).toList());
            assertTrue(model("dry-air") != null, "a model waiting for its sensor is installed and valid");
            assertTrue(model("fft-model") == null);
            for (String serving : List.of(MODEL, "vibration-trigger", "vibration-classifier")) {
                assertTrue(model(serving) != null, serving + " serves on");
            }
        } finally {
            for (Bundle b : variants) {
                b.uninstall();
            }
            installed.uninstall();
        }
    }

    private Bundle variant(Bundle source, String name, java.util.function.UnaryOperator<String> descriptor)
            throws Exception {
        byte[] jar = ModelVariant.rewrite(source, "it.model." + name, "1.0.0", "wren.model;name=" + name
                + ";version:Version=1.0.0;role=trigger;descriptor=wren-model/model.json",
                json -> descriptor.apply(json.replace("\"condensation-risk\"", "\"" + name + "\"")), bytes -> bytes);
        Bundle b = context.installBundle("it:" + name, new java.io.ByteArrayInputStream(jar));
        b.start();
        return b;
    }

    private ServiceReference<Model> model() {
        return model(MODEL);
    }

    private ServiceReference<Model> model(String name) {
        try {
            return context.getServiceReferences(Model.class, "(&(" + Model.NAME + "=" + name + ")(" + Model.SERVING
                    + "=true))").stream().findFirst().orElse(null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private ServiceReference<Sensor> sensor() {
        try {
            return context.getServiceReferences(Sensor.class, "(" + Sensor.ID + "=" + SENSOR + ")").stream().findFirst()
                    .orElse(null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
