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
    void configure() throws Exception {
        Gateway.configure(cm);
    }
}
