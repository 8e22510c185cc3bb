package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.hardware.Board;
import dev.wren.sensor.ReadingSink;

/**
 * On Kura the simulated board is in the demo package only: without it the platform waits for I/O
 * providers, the chip drivers wait for a board, and everything else runs (here: the health sensor's
 * readings go on flowing). Nothing fails; with the simulator back, the board and the drivers return.
 */
class WithoutSimulatorTest extends GatewayTestBase {

    static final String SIMULATOR = "dev.wren.hardware.simulator";

    @InjectService(timeout = 20_000)
    ServiceComponentRuntime scr;

    @Test
    void withoutTheSimulatorTheDriversWaitAndTheRestRuns() throws Exception {
        Bundle sim = Gateway.wrenBundles(context).stream().filter(b -> b.getSymbolicName().equals(SIMULATOR))
                .findFirst().orElseThrow(() -> new AssertionError(SIMULATOR + " is not installed"));
        Gateway.await("the simulated board", () -> context.getServiceReference(Board.class) != null);
        CollectingSink sink = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, sink, "(sensor.id=" + Gateway.SENSOR_ID + ")");
        try {
            sim.stop();
            Gateway.await("no board without the simulator", () -> context.getServiceReference(Board.class) == null);
            int before = sink.size();
            Gateway.await("health readings without the simulator", () -> sink.size() > before + 2);
            for (Bundle b : Gateway.wrenBundles(context)) {
                if (b.getBundleId() != sim.getBundleId()) {
                    assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is not active without the simulator");
                }
            }
            assertEquals(List.of(), failed(), "components that failed without the simulator");
            assertTrue(waiting().stream().anyMatch(n -> n.startsWith("dev.wren.driver.bme280")),
                    "the BME280 driver waits for a board: " + waiting());
        } finally {
            reg.unregister();
            restart(sim);
        }
        Gateway.await("the simulated board back", () -> context.getServiceReference(Board.class) != null);
    }

    private static void restart(Bundle sim) throws BundleException {
        if (sim.getState() != Bundle.ACTIVE) {
            sim.start();
        }
    }

    /** @return Wren components whose activation failed, in words */
    private List<String> failed() {
        return states(ComponentConfigurationDTO.FAILED_ACTIVATION);
    }

    /** @return Wren components waiting for a reference */
    private List<String> waiting() {
        return states(ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
    }

    private List<String> states(int state) {
        List<String> out = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(
                Gateway.wrenBundles(context).toArray(Bundle[]::new))) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == state) {
                    out.add(d.name + (c.failure != null ? " " + c.failure : ""));
                }
            }
        }
        return out;
    }
}
