package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.test.common.annotation.InjectService;

/** Wren arrives on the Kura-like set as deployment packages only, and every bundle of theirs runs. */
class PackagesTest extends KuraTestBase {

    @InjectService(timeout = 20_000)
    DeploymentAdmin deploymentAdmin;

    @Test
    void everyPackageTheSetNamesIsInstalled() {
        Set<String> expected = Arrays.stream(context.getProperty("wren.itests.dp").split(","))
                .map(String::trim).collect(Collectors.toSet());
        Set<String> installed = Arrays.stream(deploymentAdmin.listDeploymentPackages())
                .map(DeploymentPackage::getName).collect(Collectors.toSet());
        assertTrue(installed.containsAll(expected), "installed " + installed + ", expected " + expected);
    }

    @Test
    void everyWrenBundleCameInAPackageAndIsActive() {
        List<Bundle> wren = wrenBundles();
        assertFalse(wren.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Bundle b : wren) {
            if (!b.getLocation().startsWith("osgi-dp:")) {
                problems.add(b.getSymbolicName() + " installed from " + b.getLocation() + ", not by DeploymentAdmin");
            }
            int expected = fragment(b) ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                problems.add(b.getSymbolicName() + " is in state " + b.getState() + ", not " + expected);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyBundleOfEveryPackageIsInTheFramework() {
        List<String> missing = new ArrayList<>();
        for (DeploymentPackage dp : deploymentAdmin.listDeploymentPackages()) {
            for (BundleInfo info : dp.getBundleInfos()) {
                Bundle b = dp.getBundle(info.getSymbolicName());
                if (b == null || b.getState() == Bundle.UNINSTALLED) {
                    missing.add(dp.getName() + ": " + info.getSymbolicName());
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
