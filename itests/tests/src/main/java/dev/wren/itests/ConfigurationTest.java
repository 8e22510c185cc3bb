package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.sensor.ReadingSink;

/**
 * Bad configuration is refused with a message naming the property and the rule, and the
 * component keeps working with its last good configuration.
 */
class ConfigurationTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @AfterEach
    void restore() throws Exception {
        Gateway.configure(cm);
    }

    @Test
    void negativeSamplerPeriodIsRefusedAndSamplingGoesOn() throws Exception {
        CollectingSink sink = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, sink, null);
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.await("readings before the change", () -> sink.size() >= 2);
            Gateway.update(cm.getConfiguration(Gateway.SAMPLER, "?"), Map.of("sampling.period.full.ms", 5L));
            Gateway.await("an error naming sampling.period.full.ms",
                    () -> log.hasError("sampling.period.full.ms: must be 0 (not sampled) or between 10 and"));
            int before = sink.size();
            Gateway.await("readings after the refused change", () -> sink.size() >= before + 3);
        } finally {
            reg.unregister();
        }
    }

    @Test
    void invalidSensorIdIsRefusedAndTheSensorKeepsItsId() throws Exception {
        CollectingSink sink = new CollectingSink(false);
        ServiceRegistration<ReadingSink> reg = Gateway.register(context, sink, "(sensor.kind=health)");
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getFactoryConfiguration(Gateway.HEALTH, "it", "?"),
                    Map.of("sensor.id", "has a space", "sampling.period.full.ms", 50L));
            Gateway.await("an error naming sensor.id", () -> log.hasError("sensor.id: must be"));
            int before = sink.size();
            Gateway.await("readings after the refused change", () -> sink.size() >= before + 3);
            assertEquals(Gateway.SENSOR_ID, sink.batches.get(sink.size() - 1).get(0).sensor());
        } finally {
            reg.unregister();
        }
    }

    @Test
    void sinkWithMalformedTargetGetsNothingAndIsReported() throws Exception {
        CollectingSink broken = new CollectingSink(false);
        CollectingSink good = new CollectingSink(false);
        try (LogWatch log = new LogWatch(logReader)) {
            ServiceRegistration<ReadingSink> r1 = Gateway.register(context, broken, "(sensor.kind=health");
            ServiceRegistration<ReadingSink> r2 = Gateway.register(context, good, "(sensor.kind=health)");
            try {
                Gateway.await("a warning naming sensors.target",
                        () -> log.hasWarning("sensors.target"));
                Gateway.await("readings at the good sink", () -> good.size() >= 3);
                assertEquals(0, broken.calls.get());
            } finally {
                r1.unregister();
                r2.unregister();
            }
        }
    }

    @Test
    void sinkTargetMatchingNoSensorIsReported() throws Exception {
        try (LogWatch log = new LogWatch(logReader)) {
            ServiceRegistration<ReadingSink> reg = Gateway.register(context, new CollectingSink(false),
                    "(sensor.id=no-such-sensor)");
            try {
                Gateway.await("a note that the target matches no sensor", () -> log.entries.stream()
                        .anyMatch(e -> e.getMessage().contains("(sensor.id=no-such-sensor) matches none")));
            } finally {
                reg.unregister();
            }
        }
    }

    @Test
    void logSinkRefusesMalformedFilter() throws Exception {
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getFactoryConfiguration(Gateway.LOG_SINK, "it", "?"),
                    Map.of("sensors.target", "(sensor.kind=", "interval.ms", 60_000L));
            Gateway.await("a refusal naming sensors.target (the old id, still accepted)",
                    () -> log.hasWarning("sensors.target refused (an LDAP filter"));
        }
    }
}
