package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.feature.packager.Packages;

/**
 * A feature package updated to its next build through DeploymentAdmin while the gateway samples: its
 * bundles are replaced in place (same ids, the new versions, active again) and no reading of a sensor
 * outside the package fails to reach its sink.
 */
class PackageUpdateTest extends KuraTestBase {

    @InjectService(timeout = 20_000)
    DeploymentAdmin deploymentAdmin;

    @TempDir
    Path dir;

    @Test
    void updatingFeaturePackagesWhileSamplingReplacesTheirBundlesInPlaceAndLosesNoReading() throws Exception {
        String sensor = healthSensor("kura-update");
        try (Deliveries readings = new Deliveries(context, sensor)) {
            readings.awaitMore(3);
            for (String feature : List.of("dev.wren.feature.store-and-forward", "dev.wren.feature.power")) {
                DeploymentPackage installed = deploymentAdmin.getDeploymentPackage(feature);
                Map<String, Long> ids = new HashMap<>();
                Map<String, String> next = new HashMap<>();
                for (var info : installed.getBundleInfos()) {
                    ids.put(info.getSymbolicName(), installed.getBundle(info.getSymbolicName()).getBundleId());
                    next.put(info.getSymbolicName(), Packages.nextBuild(info.getVersion().toString()));
                }
                String version = Packages.nextBuild(installed.getVersion().toString());
                Path file = Packages.rewrite(packageFile(feature), dir.resolve(feature + "-next.dp"), version, next);
                DeploymentPackage updated = install(deploymentAdmin, file);
                assertEquals(version, updated.getVersion().toString());
                for (String bsn : ids.keySet()) {
                    Bundle b = updated.getBundle(bsn);
                    assertEquals(ids.get(bsn), b.getBundleId(), bsn + " updated in place");
                    assertEquals(next.get(bsn), b.getVersion().toString(), bsn + " replaced");
                    assertEquals(Bundle.ACTIVE, b.getState(), bsn + " started again");
                }
                readings.awaitMore(3);
            }
            assertEquals(1, readings.distinctOffsets().size(), "reads of " + sensor + " minus readings delivered, over "
                    + readings.count() + " deliveries: " + readings.distinctOffsets());
        } finally {
            kura.deleteFactoryConfiguration(sensor);
        }
    }
}
