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
        }
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> done.countDown());
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
