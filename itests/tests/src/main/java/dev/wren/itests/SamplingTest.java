package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;

/** Health readings flow from the sensor through the sampler to the sinks that asked for them. */
class SamplingTest extends GatewayTestBase {

    @Test
    void healthReadingsReachMatchingSinksOnly() throws Exception {
        CollectingSink health = new CollectingSink(false);
        CollectingSink other = new CollectingSink(false);
        ServiceRegistration<ReadingSink> r1 = Gateway.register(context, health, "(sensor.kind=health)");
        ServiceRegistration<ReadingSink> r2 = Gateway.register(context, other, "(sensor.kind=no-such-kind)");
        try {
            Gateway.await("three batches of health readings", () -> health.size() >= 3);
            List<Reading> batch = health.batches.get(0);
            Set<String> quantities = batch.stream().map(Reading::quantity).collect(Collectors.toSet());
            assertTrue(quantities.containsAll(Set.of("heap.used", "heap.max", "jvm.threads", "uptime", "disk.free")),
                    "quantities: " + quantities);
            assertTrue(batch.stream().allMatch(r -> r.sensor().equals(Gateway.SENSOR_ID)), "sensor ids: " + batch);
            assertEquals(0, other.calls.get(), "a sink for another kind of sensor got health readings");
        } finally {
            r1.unregister();
            r2.unregister();
        }
    }

    @Test
    void shellCommandsPrintSensorsAndLatestReadings() throws Exception {
        Gateway.await("the health sensor read", () -> Gateway.command(context, "readings").contains("heap.used"),
                () -> Gateway.command(context, "readings"));
        String sensors = Gateway.command(context, "sensors");
        assertTrue(sensors.matches("(?s).*" + Gateway.SENSOR_ID + "\\s+ok\\s+every\\s+50 ms.*"), sensors);
        assertTrue(Gateway.command(context, "readings", Gateway.SENSOR_ID).startsWith(Gateway.SENSOR_ID),
                "readings of one sensor");
    }

    @Test
    void aThrowingSinkStopsNeitherTheSamplerNorOtherSinks() throws Exception {
        CollectingSink failing = new CollectingSink(true);
        CollectingSink good = new CollectingSink(false);
        ServiceRegistration<ReadingSink> r1 = Gateway.register(context, failing, null);
        ServiceRegistration<ReadingSink> r2 = Gateway.register(context, good, null);
        try {
            Gateway.await("the failing sink called 5 times and the good one 5 times",
                    () -> failing.calls.get() >= 5 && good.size() >= 5);
        } finally {
            r1.unregister();
            r2.unregister();
        }
    }
}
