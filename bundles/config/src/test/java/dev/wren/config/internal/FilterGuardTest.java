package dev.wren.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filter attributes: {@code <x>.filter} checked as LDAP and copied into {@code <x>.target}; the old id still works. */
class FilterGuardTest {

    static final String PID = "dev.wren.store.OutboxSink~it";
    static final Rule SENSORS = Ads.rule("sensors.filter", "String", null, null, "(sensor.id=*)", 0, true);
    static final Rule WINDOWS = Ads.rule("windows.filter", "String", null, null, "", 0, false);

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();
    final Map<String, Rule> rules = new LinkedHashMap<>();

    {
        rules.put(SENSORS.id(), SENSORS);
        rules.put(WINDOWS.id(), WINDOWS);
    }

    final Refusals refusals = new Refusals();

    ConfigGuard guard() {
        return new ConfigGuard(null, new LastGood(dir), log::add, refusals);
    }

    @Test
    void aValidFilterIsCopiedIntoItsTarget() {
        Hashtable<String, Object> p = ConfigGuardTest.props("sensors.filter", "(sensor.kind=bme280)");
        guard().guard(PID, rules, p);
        assertEquals("(sensor.kind=bme280)", p.get("sensors.target"));
        assertTrue(log.isEmpty(), log::toString);
    }

    @Test
    void theOldTargetGivenAloneStillWorksAndIsTheFilter() {
        Hashtable<String, Object> p = ConfigGuardTest.props("sensors.target", "(sensor.kind=health)");
        guard().guard(PID, rules, p);
        assertEquals("(sensor.kind=health)", p.get("sensors.target"));
        assertEquals("(sensor.kind=health)", p.get("sensors.filter"));
        assertTrue(log.isEmpty(), log::toString);
    }

    @Test
    void theFilterWinsOverAStaleTarget() {
        Hashtable<String, Object> p = ConfigGuardTest.props("sensors.filter", "(a=1)", "sensors.target", "(b=2)");
        guard().guard(PID, rules, p);
        assertEquals("(a=1)", p.get("sensors.target"));
    }

    @Test
    void aFilterThatIsNotLdapIsRefusedNamedAndTheLastGoodRuns() {
        guard().guard(PID, rules, ConfigGuardTest.props("sensors.filter", "(sensor.kind=bme280)"));
        Hashtable<String, Object> p = ConfigGuardTest.props("sensors.filter", "sensor.kind=bme280)\u202e");
        guard().guard(PID, rules, p);
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("Configuration " + PID + ": sensors.filter refused (no control characters"),
                log.get(0));

        log.clear();
        p = ConfigGuardTest.props("sensors.filter", "sensor.kind=bme280)");
        guard().guard(PID, rules, p);
        assertEquals("(sensor.kind=bme280)", p.get("sensors.filter"));
        assertEquals("(sensor.kind=bme280)", p.get("sensors.target"));
        String line = log.get(0);
        assertTrue(line.startsWith("Configuration " + PID + ": sensors.filter refused (an LDAP filter such as "
                + "(sensor.kind=bme280), the parser says \""), line);
        assertTrue(line.contains("value \"sensor.kind=bme280)\"; running the last good value \"(sensor.kind=bme280)\" instead"),
                line);
    }

    @Test
    void aBrokenOldTargetIsRefusedByItsOwnNameAndTheDefaultRuns() {
        Hashtable<String, Object> p = ConfigGuardTest.props("sensors.target", "((((");
        guard().guard(PID, rules, p);
        assertEquals("(sensor.id=*)", p.get("sensors.target"));
        assertNull(p.get("sensors.filter"));
        assertTrue(log.get(0).startsWith("Configuration " + PID + ": sensors.target refused (an LDAP filter"), log.get(0));
        assertTrue(log.get(0).endsWith("value \"((((\"; running the default \"(sensor.id=*)\" instead"), log.get(0));
    }

    @Test
    void anEmptyFilterIsAllowedOnlyWhereTheMetatypeAllowsAnEmptyString() {
        Hashtable<String, Object> p = ConfigGuardTest.props("windows.filter", "", "sensors.filter", "");
        guard().guard(PID, rules, p);
        assertEquals("", p.get("windows.target"));
        assertEquals("(sensor.id=*)", p.get("sensors.target"));
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains("sensors.filter refused (required: not empty"), log.get(0));
    }

    @Test
    void withoutAFilterOrATargetNothingIsAdded() {
        Hashtable<String, Object> p = ConfigGuardTest.props("priority", 5);
        guard().guard(PID, rules, p);
        assertFalse(p.containsKey("sensors.target"));
        assertFalse(p.containsKey("windows.target"));
    }
}
