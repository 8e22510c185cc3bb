package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.test.common.annotation.InjectService;

/**
 * The standalone runtime's own bundle: in the Felix set (the standalone runtime's) with its components,
 * in the Kura set never; and a data directory from before it keeps the configuration stored under the
 * PIDs its components had in {@code dev.wren.console}.
 */
class StandaloneTest extends GatewayTestBase {

    static final String BSN = "dev.wren.standalone";
    static final String OLD_LOG_WRITER = "dev.wren.console.LogWriter";

    @InjectService(timeout = 20_000)
    ServiceComponentRuntime scr;

    /** @return whether this framework is the standalone runtime's (Felix), not the Kura set (Equinox) */
    static boolean standaloneSet(BundleContext context) {
        return "org.apache.felix.framework".equals(context.getBundle(0).getSymbolicName());
    }

    private Optional<Bundle> standalone() {
        return Gateway.wrenBundles(context).stream().filter(b -> b.getSymbolicName().equals(BSN)).findFirst();
    }

    @Test
    void theStandaloneBundleIsInTheStandaloneSetOnly() throws InterruptedException {
        if (!standaloneSet(context)) {
            assertEquals(Optional.empty(), standalone(), "the Kura set must not hold " + BSN);
            assertTrue(scr.getComponentDescriptionDTOs().stream().noneMatch(d -> d.name.startsWith("dev.wren.standalone")),
                    "a standalone component in the Kura set");
            return;
        }
        Bundle b = standalone().orElseThrow(() -> new AssertionError(BSN + " is not in the standalone set"));
        assertEquals(Bundle.ACTIVE, b.getState());
        List<String> names = scr.getComponentDescriptionDTOs(b).stream().map(d -> d.name).sorted().toList();
        assertEquals(List.of("dev.wren.standalone.internal.ConfigDefaults", "dev.wren.standalone.internal.LogWriter",
                "dev.wren.standalone.internal.WebConsoleAccess"), names);
    }

    @Test
    void aConfigurationStoredUnderTheOldPidMovesToTheNewOne() throws Exception {
        if (!standaloneSet(context)) {
            assertEquals(Optional.empty(), standalone(), "the Kura set must not hold " + BSN);
            return;
        }
        Bundle b = standalone().orElseThrow();
        cm.getConfiguration(Gateway.LOG_WRITER, "?").delete();
        Configuration old = cm.getConfiguration(OLD_LOG_WRITER, "?");
        old.update(new Hashtable<>(Map.of("level", "ERROR")));
        try {
            b.stop();
            b.start();
            Gateway.await("the configuration of " + OLD_LOG_WRITER + " moved to " + Gateway.LOG_WRITER,
                    () -> "ERROR".equals(level()) && listed(OLD_LOG_WRITER) == 0, () -> "level " + level());
        } finally {
            if (listed(OLD_LOG_WRITER) > 0) {
                cm.getConfiguration(OLD_LOG_WRITER, "?").delete();
            }
            Gateway.configure(cm);
        }
        assertEquals("WARN", level(), "the test configuration is back");
    }

    private Object level() {
        try {
            Configuration[] c = cm.listConfigurations("(service.pid=" + Gateway.LOG_WRITER + ")");
            Dictionary<String, Object> props = c == null ? null : c[0].getProperties();
            return props == null ? null : props.get("level");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int listed(String pid) {
        try {
            Configuration[] c = cm.listConfigurations("(service.pid=" + pid + ")");
            return c == null ? 0 : c.length;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
