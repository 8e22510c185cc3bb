package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.itests.kura.service.Ad;
import dev.wren.itests.kura.service.Ocd;
import dev.wren.power.PowerState;

/**
 * Filters typed in Kura's web UI: a Wren component offers an editable {@code <x>.filter} attribute
 * (Kura shows {@code .target} read-only), and a value that is not an LDAP filter is refused with a
 * message naming the attribute; the component keeps running on its last good filter.
 */
class FilterTest extends KuraTestBase {

    static final String POWER = "dev.wren.power.PowerManager";

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    private Ad filter;
    private Object before;

    @AfterEach
    void restore() throws Exception {
        if (filter != null) {
            kura.updateConfiguration(POWER, Map.of(filter.id(), before != null ? before : filter.defaultValue()));
        }
    }

    @Test
    void aFilterThatIsNotLdapIsRefusedWithAMessage() throws Exception {
        Ocd ocd = kura.getDefinition(POWER).orElseThrow(() -> new AssertionError("no definition of " + POWER));
        filter = ocd.attributes().stream().filter(a -> a.id().endsWith(".filter")).findFirst()
                .orElseThrow(() -> new AssertionError(POWER + " offers no .filter attribute: " + ocd.attributes()));
        before = cm.getConfiguration(POWER, "?").getProperties().get(filter.id());
        try (KuraLog log = new KuraLog(logReader)) {
            kura.updateConfiguration(POWER, Map.of(filter.id(), "sensor.id=battery"));
            await("a refusal naming " + filter.id(), () -> log.has(filter.id(), "refused", "LDAP"), log::messages);
        }
        assertNotNull(context.getServiceReference(PowerState.class), "the power manager still runs");
        assertTrue(context.getServiceReference(PowerState.class).getBundle().getState() == org.osgi.framework.Bundle.ACTIVE);
    }
}
