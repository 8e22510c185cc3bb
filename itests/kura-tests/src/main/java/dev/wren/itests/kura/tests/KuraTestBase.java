package dev.wren.itests.kura.tests;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import dev.wren.itests.kura.service.KuraConfigurationService;

/** What every Kura-only test starts from: the framework, Config Admin, Kura's configuration service (stand-in). */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
abstract class KuraTestBase {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

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

    static boolean fragment(Bundle b) {
        return b.getHeaders().get("Fragment-Host") != null;
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} and {@code detail} after {@link #TIMEOUT}. */
    static void await(String what, BooleanSupplier condition, Supplier<?> detail) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what + " " + detail.get());
            }
            Thread.sleep(20);
        }
    }
}
