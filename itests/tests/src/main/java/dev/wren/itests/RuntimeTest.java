package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectService;

/** Every Wren bundle resolves and starts, and every Wren component activates once configured. */
class RuntimeTest extends GatewayTestBase {

    static final Set<String> BUNDLES = Set.of("dev.wren.config", "dev.wren.api", "dev.wren.kura.compat", "dev.wren.sampling",
            "dev.wren.driver.health", "dev.wren.driver.linux", "dev.wren.console", "dev.wren.pi4j", "dev.wren.hardware.platform",
            "dev.wren.hardware.simulator", "dev.wren.driver.bme280", "dev.wren.driver.gpio", "dev.wren.driver.mpu6050",
            "dev.wren.driver.ina219", "dev.wren.driver.max17048", "dev.wren.driver.ads1115", "dev.wren.derby", "dev.wren.store", "dev.wren.trust",
            "dev.wren.uplink", "dev.wren.onnxruntime", "dev.wren.inference", "dev.wren.model.vibration-trigger-1.0.0",
            "dev.wren.model.vibration-classifier-1.0.0", "dev.wren.power", "dev.wren.gossip", "dev.wren.dashboard");
    /** The check each feature package carries (a customizer), in the framework where Wren came as packages. */
    static final Set<String> FEATURE_CHECKS = Set.of("dev.wren.feature.drivers", "dev.wren.feature.store-and-forward",
            "dev.wren.feature.inference", "dev.wren.feature.power", "dev.wren.feature.gossip", "dev.wren.feature.dashboard", "dev.wren.feature.demo");

    @InjectService(timeout = 20_000)
    ServiceComponentRuntime scr;

    @Test
    void everyWrenBundleIsActive() {
        List<Bundle> wren = Gateway.wrenBundles(context);
        Set<String> expected = new java.util.HashSet<>(BUNDLES);
        if (StandaloneTest.standaloneSet(context)) {
            expected.add(StandaloneTest.BSN); // the standalone runtime's own bundle, never in the Kura set
            expected.add("dev.wren.deploy"); // the remote deployment agent: on Kura, Kura's DEPLOY-V2 does its work
        } else {
            expected.addAll(FEATURE_CHECKS); // the Kura set installs Wren only as deployment packages
            expected.add("dev.wren.dashboard.kura"); // the dashboard's page in Kura's web UI
        }
        assertEquals(expected, wren.stream().map(Bundle::getSymbolicName).collect(Collectors.toSet()),
                () -> List.of(context.getBundles()).stream().map(b -> b.getSymbolicName() + "/" + b.getState() + "/" + b.getLocation())
                        .collect(Collectors.joining(", ")));
        for (Bundle b : wren) {
            assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is not active");
        }
    }

    @Test
    void everyWrenComponentActivates() throws InterruptedException {
        Gateway.await("every Wren component active", () -> inactive().isEmpty(), this::inactive);
        long components = scr.getComponentDescriptionDTOs(Gateway.wrenBundles(context).toArray(Bundle[]::new)).size();
        assertTrue(components >= 6, "expected at least 6 Wren components, found " + components);
    }

    /** @return what is not active yet, in words; empty when all are */
    private List<String> inactive() {
        List<String> out = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(
                Gateway.wrenBundles(context).toArray(Bundle[]::new))) {
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                out.add(d.name + ": no configuration");
            }
            for (ComponentConfigurationDTO c : configs) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    out.add(d.name + ": state " + c.state + (c.failure != null ? " " + c.failure : ""));
                }
            }
        }
        return out;
    }
}
