package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;

/** The health sensor bundle is replaced by a new version while sampling runs. */
class HotSwapTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @Test
    void updatingTheHealthBundleKeepsReadingsFlowing() throws Exception {
        Bundle health = Gateway.wrenBundles(context).stream()
                .filter(b -> b.getSymbolicName().equals("dev.wren.driver.health")).findFirst().orElseThrow();
        byte[] original = withVersion(health, health.getVersion());
        Version next = new Version(health.getVersion().getMajor(), health.getVersion().getMinor(),
                health.getVersion().getMicro() + 1);
        List<FrameworkEvent> errors = new CopyOnWriteArrayList<>();
        FrameworkListener frameworkErrors = e -> {
            if (e.getType() == FrameworkEvent.ERROR) {
                errors.add(e);
            }
        };
        context.addFrameworkListener(frameworkErrors);
        CollectingSink sink = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, sink, "(sensor.kind=health)");
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.await("readings before the update", () -> sink.size() >= 3);

            health.update(new ByteArrayInputStream(withVersion(health, next)));
            refresh(health);
            long updated = System.currentTimeMillis();

            Gateway.await("readings from the updated bundle", () -> sink.newestTimestamp() > updated);
            ServiceReference<Sensor> sensor = context.getServiceReferences(Sensor.class,
                    "(sensor.id=" + Gateway.SENSOR_ID + ")").iterator().next();
            assertEquals(next, sensor.getBundle().getVersion());
            assertEquals(Bundle.ACTIVE, health.getState());
            assertTrue(errors.isEmpty(), "framework errors: " + errors);
            assertEquals(List.of(), log.errorsFrom("dev.wren"));
        } finally {
            reg.unregister();
            context.removeFrameworkListener(frameworkErrors);
            restore(health, original);
        }
    }

    @Test
    void updatingOneDriverAndUninstallingAnotherLeavesTheRestRunning() throws Exception {
        Bundle bme280 = bundle("dev.wren.driver.bme280");
        Bundle gpio = bundle("dev.wren.driver.gpio");
        String gpioLocation = gpio.getLocation();
        byte[] bme280Original = withVersion(bme280, bme280.getVersion());
        byte[] gpioOriginal = withVersion(gpio, gpio.getVersion());
        Version next = new Version(bme280.getVersion().getMajor(), bme280.getVersion().getMinor(),
                bme280.getVersion().getMicro() + 1);
        CollectingSink air = new CollectingSink(false);
        CollectingSink health = new CollectingSink(false);
        CollectingSink motion = new CollectingSink(false);
        ServiceRegistration<ReadingSink> r1 = Gateway.register(context, air, "(sensor.kind=bme280)");
        ServiceRegistration<ReadingSink> r2 = Gateway.register(context, health, "(sensor.kind=health)");
        ServiceRegistration<ReadingSink> r3 = Gateway.register(context, motion, "(sensor.kind=gpio)");
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.await("readings of all three before", () -> air.size() >= 2 && health.size() >= 2 && motion.size() >= 2);

            bme280.update(new ByteArrayInputStream(withVersion(bme280, next)));
            gpio.uninstall();
            refresh(bme280, gpio);
            long changed = System.currentTimeMillis();

            Gateway.await("BME280 readings from the new revision", () -> air.newestTimestamp() > changed);
            Gateway.await("health readings after", () -> health.newestTimestamp() > changed);
            assertEquals(next, context.getServiceReferences(Sensor.class, "(sensor.kind=bme280)").iterator().next()
                    .getBundle().getVersion());
            int gpioBatches = motion.size();
            Thread.sleep(300);
            assertEquals(gpioBatches, motion.size(), "readings from an uninstalled driver");
            assertEquals(List.of(), log.errorsFrom("dev.wren"));
        } finally {
            r1.unregister();
            r2.unregister();
            r3.unregister();
            restore(bme280, bme280Original);
            if (gpio.getState() == Bundle.UNINSTALLED) {
                // through the system bundle: osgi-test uninstalls what a test installs with its own context; from
                // the bytes taken before, as a location of DeploymentAdmin's (osgi-dp:) cannot be read again
                Bundle again = context.getBundle(0).getBundleContext().installBundle(gpioLocation,
                        new ByteArrayInputStream(gpioOriginal));
                again.start();

                assertEquals(Bundle.ACTIVE, again.getState());
                assertEquals("dev.wren.driver.gpio", again.getSymbolicName());
            }
        }
    }

    /** Puts the bundle's original content back, so the next test (and a deployment package's view) finds it. */
    private void restore(Bundle bundle, byte[] original) throws Exception {
        bundle.update(new ByteArrayInputStream(original));
        refresh(bundle);
    }

    private Bundle bundle(String bsn) {
        return Gateway.wrenBundles(context).stream().filter(b -> b.getSymbolicName().equals(bsn)).findFirst().orElseThrow();
    }

    private void refresh(Bundle... bundles) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundles), e -> done.countDown());
        assertTrue(done.await(Gateway.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "refresh did not finish");
    }

    /** @return the bundle's own content with a new Bundle-Version */
    private static byte[] withVersion(Bundle bundle, Version version) throws IOException {
        Manifest mf;
        try (InputStream in = bundle.getEntry("META-INF/MANIFEST.MF").openStream()) {
            mf = new Manifest(in);
        }
        mf.getMainAttributes().putValue("Bundle-Version", version.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            for (URL url : Collections.list(bundle.findEntries("/", "*", true))) {
                String path = url.getPath().substring(1);
                if (path.equals("META-INF/MANIFEST.MF") || path.equals("META-INF/")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(path));
                if (!path.endsWith("/")) {
                    try (InputStream in = url.openStream()) {
                        in.transferTo(jar);
                    }
                }
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
