package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.test.common.annotation.InjectService;

/**
 * Uninstalling a feature package through DeploymentAdmin removes its bundles and stops nothing else:
 * readings flow on. The package is installed again afterwards, as a user would.
 */
class PackageUninstallTest extends KuraTestBase {

    static final String GOSSIP = "dev.wren.feature.gossip";

    @InjectService(timeout = 20_000)
    DeploymentAdmin deploymentAdmin;

    @Test
    void uninstallingAFeaturePackageRemovesItsBundlesAndLeavesTheRestRunning() throws Exception {
        DeploymentPackage gossip = deploymentAdmin.getDeploymentPackage(GOSSIP);
        List<String> removed = List.of(gossip.getBundleInfos()).stream().map(i -> i.getSymbolicName()).toList();
        Map<Long, String> others = new java.util.HashMap<>();
        wrenBundles().stream().filter(b -> !removed.contains(b.getSymbolicName()))
                .forEach(b -> others.put(b.getBundleId(), b.getSymbolicName()));
        Set<String> stopped = ConcurrentHashMap.newKeySet();
        BundleListener watch = e -> {
            if (e.getType() == BundleEvent.STOPPED) {
                stopped.add(e.getBundle().getSymbolicName());
            }
        };
        String sensor = healthSensor("kura-uninstall");
        context.addBundleListener(watch);
        try (Deliveries readings = new Deliveries(context, sensor)) {
            readings.awaitMore(3);
            gossip.uninstall();
            readings.awaitMore(3);
        } finally {
            context.removeBundleListener(watch);
            kura.deleteFactoryConfiguration(sensor);
        }
        try {
            assertEquals(null, deploymentAdmin.getDeploymentPackage(GOSSIP));
            for (Bundle b : context.getBundles()) {
                assertTrue(!removed.contains(b.getSymbolicName()), b.getSymbolicName() + " still installed");
            }
            assertEquals(Set.copyOf(removed), stopped, "bundles stopped");
            for (Map.Entry<Long, String> e : others.entrySet()) {
                Bundle b = context.getBundle(e.getKey());
                assertEquals(fragment(b) ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState(), e.getValue() + " still runs");
            }
        } finally {
            DeploymentPackage again = install(deploymentAdmin, packageFile(GOSSIP));
            for (String bsn : removed) {
                assertEquals(Bundle.ACTIVE, again.getBundle(bsn).getState(), bsn + " back");
            }
        }
    }
}
