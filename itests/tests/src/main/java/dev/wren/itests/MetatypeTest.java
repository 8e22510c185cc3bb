package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.test.common.annotation.InjectService;

/**
 * Every configurable Wren component describes itself to the runtime's metatype service (the one
 * Kura's web UI renders), with the OCD id equal to its PID and the attributes it validates.
 */
class MetatypeTest extends GatewayTestBase {

    /** PID (or factory PID) -> bundle and some of its attribute ids. */
    static final Map<String, Map.Entry<String, Set<String>>> EXPECTED = Map.of(
            Gateway.SAMPLER, Map.entry("dev.wren.sampling",
                    Set.of("sampling.period.full.ms", "sampling.period.degraded.ms", "sampling.period.minimal.ms",
                            "fault.threshold", "fault.backoff.max.ms", "threads")),
            Gateway.HEALTH, Map.entry("dev.wren.driver.health",
                    Set.of("sensor.id", "data.dir", "sampling.period.full.ms")),
            Gateway.LOG_SINK, Map.entry("dev.wren.console", Set.of("sensors.filter", "interval.ms")));

    @InjectService(timeout = 20_000)
    MetaTypeService metatype;

    @Test
    void configurableComponentsDescribeTheirPids() {
        EXPECTED.forEach((pid, expected) -> {
            Bundle bundle = bundle(expected.getKey());
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            assertNotNull(info, "no metatype for " + bundle.getSymbolicName());
            boolean factory = Stream.of(info.getFactoryPids()).anyMatch(pid::equals);
            assertTrue(factory || Stream.of(info.getPids()).anyMatch(pid::equals), pid + " not designated");
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            assertEquals(pid, ocd.getID(), "Kura wants the OCD id to equal the PID");
            Set<String> ids = Stream.of(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                    .map(AttributeDefinition::getID).collect(Collectors.toSet());
            assertTrue(ids.containsAll(expected.getValue()), pid + " attributes: " + ids);
        });
        Set<String> factories = Stream.of("dev.wren.driver.health", "dev.wren.console")
                .flatMap(bsn -> Stream.of(metatype.getMetaTypeInformation(bundle(bsn)).getFactoryPids()))
                .collect(Collectors.toSet());
        assertEquals(Set.of(Gateway.HEALTH, Gateway.LOG_SINK), factories, "one instance per chip or sink");
    }

    private Bundle bundle(String bsn) {
        return Gateway.wrenBundles(context).stream().filter(b -> b.getSymbolicName().equals(bsn)).findFirst().orElseThrow();
    }
}
