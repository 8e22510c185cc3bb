package dev.wren.itests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** What every in-framework test starts from: the framework, Config Admin and the test configuration. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
abstract class GatewayTestBase {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ConfigurationAdmin cm;

    @BeforeEach
    void configure(org.junit.jupiter.api.TestInfo test) throws Exception {
        Gateway.configure(cm);
        String power = Gateway.powerNow();
        if (power.contains("DEGRADED") || power.contains("MINIMAL")) {
            // the baseline is FULL: a test that starts otherwise says so, with what the power manager reads
            org.osgi.framework.ServiceReference<?>[] refs = context.getAllServiceReferences(
                    "dev.wren.sensor.ReadingSink", "(component.name=dev.wren.power.internal.PowerManager)");
            System.out.println("lean mode before " + test.getDisplayName() + power + "; its sink's target "
                    + (refs == null ? "none" : refs[0].getProperty("sensors.target")) + ", configured "
                    + cm.getConfiguration(Gateway.POWER, "?").getProperties());
        }
    }
}
