package dev.wren.itests.kura.tests;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import dev.wren.itests.kura.service.KuraConfigurationService;

/** What every Kura-only test starts from: the framework, Config Admin, Kura's configuration service (stand-in). */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
abstract class KuraTestBase {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String HEALTH = "dev.wren.driver.health.Health";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ConfigurationAdmin cm;

    @InjectService(timeout = 20_000)
    KuraConfigurationService kura;

    /** The bundles Wren's deployment packages installed (fragments included). */
    List<Bundle> wrenBundles() {
        return List.of(context.getBundles()).stream()
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("dev.wren.")
                        && !b.getSymbolicName().startsWith("dev.wren.itests") && !b.getSymbolicName().equals("dev.wren.kura.compat"))
                .toList();
    }

    /**
     * Creates a health sensor the way Kura's "Create new component" does, read every 50 ms in every power
     * mode; its {@code kura.service.pid} and {@code sensor.id} are both the returned name.
     */
    String healthSensor(String prefix) throws KuraException {
        String name = prefix + "-" + System.nanoTime();
        kura.createFactoryConfiguration(HEALTH, name, Map.of("sensor.id", name, "sampling.period.full.ms", 50L,
                "sampling.period.degraded.ms", 50L, "sampling.period.minimal.ms", 50L));
        return name;
    }

    /** The deployment package {@code name} as the build wrote it, from the folder the installer read. */
    Path packageFile(String name) {
        return Path.of(context.getProperty("wren.itests.dp.dir"), name + ".dp");
    }

    /** Installs a deployment package through DeploymentAdmin, as Kura's Packages page does. */
    static DeploymentPackage install(DeploymentAdmin admin, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return admin.installDeploymentPackage(in);
        }
    }

    /** @return bundle id to last-modified time of every bundle a package installed, models left out */
    List<Map.Entry<Long, Long>> applicationBundles() {
        return wrenBundles().stream().filter(b -> b.getLocation().startsWith("osgi-dp:"))
                .filter(b -> !b.getSymbolicName().startsWith("dev.wren.model."))
                .map(b -> Map.entry(b.getBundleId(), b.getLastModified())).toList();
    }

    static boolean fragment(Bundle b) {
        return b.getHeaders().get("Fragment-Host") != null;
    }

    /** Calls a {@code wren:} shell command without arguments the way the Gogo shell does: by name, on the service. */
    static String command(BundleContext context, String function) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=wren)(osgi.command.function=" + function + "))");
            if (refs == null || refs.length != 1) {
                throw new AssertionError("not one service provides wren:" + function);
            }
            Object service = context.getService(refs[0]);
            try {
                return (String) service.getClass().getMethod(function).invoke(service);
            } finally {
                context.ungetService(refs[0]);
            }
        } catch (ReflectiveOperationException | InvalidSyntaxException e) {
            throw new AssertionError("wren:" + function + " failed", e);
        }
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} and {@code detail} after {@link #TIMEOUT}. */
    static void await(String what, BooleanSupplier condition, Supplier<?> detail) throws InterruptedException {
        await(what, TIMEOUT, condition, detail);
    }

    /** As {@link #await(String, BooleanSupplier, Supplier)}, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<?> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + " " + detail.get());
            }
            Thread.sleep(20);
        }
    }
}
