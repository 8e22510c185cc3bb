package dev.wren.feature.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import dev.wren.feature.packager.Packages;

/**
 * A package update through DeploymentAdmin 0.9.5: the package's bundles are replaced in place (same
 * bundle ids, the new versions) and, while the gateway samples, no reading of a sensor outside the
 * updated package fails to reach its sinks.
 */
class UpdateTest {

    @TempDir
    Path home;

    @Test
    void updatingFeaturePackagesReplacesTheirBundlesInPlaceAndLosesNoReading() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Wren.installAll(kura);
            try (Readings r = new Readings(kura, Wren.SENSOR)) {
                r.awaitMore(3);
                for (String feature : List.of("dev.wren.feature.power", "dev.wren.feature.inference",
                        "dev.wren.feature.store-and-forward", "dev.wren.feature.gossip")) {
                    Packages.Dp dp = Packages.read(KuraSet.file(feature));
                    Map<String, Long> ids = new HashMap<>();
                    Map<String, String> next = new HashMap<>();
                    for (String entry : dp.bundleEntries()) {
                        String bsn = dp.sections().get(entry).getValue("Bundle-SymbolicName");
                        ids.put(bsn, kura.bundle(bsn).getBundleId());
                        next.put(bsn, nextBuild(dp.sections().get(entry).getValue("Bundle-Version")));
                    }
                    String version = nextBuild(dp.version());
                    kura.install(Packages.rewrite(KuraSet.file(feature), home.resolve(feature + "-next.dp"), version,
                            next));
                    assertEquals(version, kura.packages().get(feature));
                    for (String bsn : ids.keySet()) {
                        Bundle b = kura.bundle(bsn);
                        assertEquals(ids.get(bsn), b.getBundleId(), bsn + " updated in place");
                        assertEquals(next.get(bsn), b.getVersion().toString(), bsn + " replaced");
                        assertEquals(Bundle.ACTIVE, b.getState(), bsn + " started again");
                    }
                    r.awaitMore(3);
                }
                Set<Long> offsets = r.deliveries().stream().map(Readings.Delivery::offset).collect(Collectors.toSet());
                assertEquals(1, offsets.size(), "reads of " + Wren.SENSOR + " minus readings delivered, over "
                        + r.count() + " deliveries: " + offsets);
            }
        }
    }

    /**
     * Why every build qualifies its bundles with the build time: DeploymentAdmin 0.9.5 leaves a
     * bundle whose version did not change as it is, even when the package's version rose.
     */
    @Test
    void aPackageUpdateLeavesABundleWhoseVersionDidNotChange() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            kura.install("dev.wren.feature.base");
            kura.install("dev.wren.feature.power");
            Bundle power = kura.bundle("dev.wren.power");
            long modified = power.getLastModified();
            String version = nextBuild(Packages.read(KuraSet.file("dev.wren.feature.power")).version());
            kura.install(Packages.rewrite(KuraSet.file("dev.wren.feature.power"), home.resolve("power-same.dp"),
                    version, Map.of()));
            assertEquals(version, kura.packages().get("dev.wren.feature.power"));
            assertEquals(modified, kura.bundle("dev.wren.power").getLastModified(), "dev.wren.power not replaced");
        }
    }

    /** The version the next build gives: the same with a later qualifier (qualifiers compare as strings). */
    static String nextBuild(String version) {
        String[] p = version.split("\\.");
        return p.length == 4 ? version + "1" : version + ".1";
    }
}
