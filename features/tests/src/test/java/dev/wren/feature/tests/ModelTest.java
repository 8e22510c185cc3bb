package dev.wren.feature.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceReference;

import dev.wren.feature.packager.Packages;

/**
 * A new model version arrives as its own package beside the serving one: it runs as the canary,
 * serves once it agrees, and its package removed the previous version serves again, with no
 * application bundle stopped or replaced.
 */
class ModelTest {

    static final String MODEL = "vibration-trigger";

    @TempDir
    Path home;

    @Test
    void aModelPackageServesThroughTheCanaryAndUninstallsWithoutTouchingAnApplicationBundle() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Wren.installAll(kura);
            kura.configure("dev.wren.inference.Models", Map.of("canary.windows", "10"));
            KuraSet.await(MODEL + " 1.0.0 serving", 60, () -> serving(kura, "1.0.0"));
            Map<Long, Long> apps = applicationBundles(kura);
            Set<String> stopped = ConcurrentHashMap.newKeySet();
            BundleListener watch = e -> {
                if (e.getType() == BundleEvent.STOPPED && !e.getBundle().getSymbolicName().startsWith("dev.wren.model.")) {
                    stopped.add(e.getBundle().getSymbolicName());
                }
            };
            kura.context.addBundleListener(watch);
            try {
                String dp = "dev.wren.model." + MODEL + "-1.1.0";
                kura.install(Packages.otherModelVersion(KuraSet.file("dev.wren.model." + MODEL + "-1.0.0"), home, MODEL,
                        "1.1.0"));
                try {
                    KuraSet.await(MODEL + " 1.1.0 serving after its canary trial", 120, () -> serving(kura, "1.1.0"));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; wren:models says: " + command(kura, "models")
                            + "; wren:pipeline says: " + command(kura, "pipeline"), e);
                }
                kura.uninstall(dp);
                KuraSet.await(MODEL + " 1.0.0 serving again", 20, () -> serving(kura, "1.0.0"));
            } finally {
                kura.context.removeBundleListener(watch);
            }
            assertEquals(Set.of(), stopped, "application bundles stopped");
            assertEquals(apps, applicationBundles(kura), "application bundles: id to last modified");
        }
    }

    static boolean serving(KuraSet kura, String version) {
        try {
            ServiceReference<?>[] refs = kura.context.getAllServiceReferences("dev.wren.inference.Model",
                    "(&(wren.model.name=" + MODEL + ")(wren.model.serving=true)(wren.model.version=" + version + "))");
            return refs != null && refs.length > 0;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The text of a {@code wren:} shell command without arguments. */
    static String command(KuraSet kura, String function) {
        try {
            for (ServiceReference<?> ref : kura.context.getAllServiceReferences(null,
                    "(osgi.command.function=" + function + ")")) {
                return (String) KuraSet.call(kura.context.getService(ref), function, new Class<?>[0]);
            }
            return "no " + function + " command";
        } catch (Exception e) {
            return e.toString();
        }
    }

    static Map<Long, Long> applicationBundles(KuraSet kura) {
        return java.util.Arrays.stream(kura.context.getBundles())
                .filter(b -> b.getLocation().startsWith("osgi-dp:") && !b.getSymbolicName().startsWith("dev.wren.model."))
                .collect(Collectors.toMap(Bundle::getBundleId, Bundle::getLastModified));
    }
}
