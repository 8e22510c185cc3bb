package dev.wren.feature.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * Wren installed only through DeploymentAdmin 0.9.5 on Kura 5.4.1's platform: every bundle of
 * every package starts and readings flow, in a fresh framework. (Uninstalling a feature package
 * while the rest runs is tested on the Kura set: itests/kura-tests.)
 */
class InstallTest {

    @TempDir
    Path home;

    @Test
    void everyPackageInstallsInOrderEveryBundleIsActiveAndReadingsFlow() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Wren.installAll(kura);
            assertEquals(new HashSet<>(Wren.all()), kura.packages().keySet());
            assertEquals(Map.of(), notActive(kura), "bundles of the packages that are not ACTIVE");
            try (Readings r = new Readings(kura, Wren.SENSOR)) {
                r.awaitMore(5);
            }
        }
    }

    /** What a 32-bit OS gets (ONNX Runtime has no 32-bit ARM natives): everything but inference and models. */
    @Test
    void everythingButInferenceAndTheModelsRunsWithoutThem() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Wren.configure(kura);
            for (String p : Wren.FEATURES) {
                if (!p.equals("dev.wren.feature.inference")) {
                    kura.install(p);
                }
            }
            assertEquals(Map.of(), notActive(kura), "bundles of the packages that are not ACTIVE");
            assertNull(kura.bundle("dev.wren.inference"));
            try (Readings r = new Readings(kura, Wren.SENSOR)) {
                r.awaitMore(5);
            }
        }
    }

    /** @return bundles of installed packages that are not ACTIVE, with their state */
    static Map<String, String> notActive(KuraSet kura) {
        Map<String, String> out = new TreeMap<>();
        for (Bundle b : kura.context.getBundles()) {
            if (b.getLocation().startsWith("osgi-dp:") && b.getState() != Bundle.ACTIVE) {
                out.put(b.getSymbolicName(), KuraSet.state(b));
            }
        }
        return out;
    }
}
