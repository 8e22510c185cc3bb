package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/** A factory component created the way Kura's "Create new component" does appears, listed, and goes again. */
class FactoryComponentTest extends KuraTestBase {

    @Test
    void aHealthSourceCreatedTheKuraWayAppearsAndIsListed() throws Exception {
        assertTrue(kura.getFactoryComponentPids().contains(HEALTH), "factories offered: " + kura.getFactoryComponentPids());
        String name = "kura-health-" + System.nanoTime();
        kura.createFactoryConfiguration(HEALTH, name, Map.of("sensor.id", "kura-health", "sampling.period.full.ms", 1000L));
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(kura.service.pid=" + name + ")");
            assertNotNull(refs, "a service with kura.service.pid=" + name);
            assertEquals(HEALTH, refs[0].getProperty("service.factoryPid"));
            assertTrue(kura.getConfigurableComponentPids().contains(name), "listed: " + kura.getConfigurableComponentPids());
        } finally {
            kura.deleteFactoryConfiguration(name);
        }
        await("the instance gone", () -> {
            try {
                return context.getServiceReferences((String) null, "(kura.service.pid=" + name + ")") == null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, () -> "");
    }
}
