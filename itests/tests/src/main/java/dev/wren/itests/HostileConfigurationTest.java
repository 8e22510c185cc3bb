package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.test.common.annotation.InjectService;

/**
 * Every attribute of every Wren PID (factory PIDs through the test's own instance) gets each kind of
 * hostile value (wrong type, overflow, NaN, empty, huge, control characters, out of bounds, not an option):
 * each is refused by name in the log, its component stays in the state it was in (never failed), with the
 * last good value; then, with one hostile value in every attribute, the component's bundle restarts and
 * the component comes back the same way.
 */
class HostileConfigurationTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    MetaTypeService metatype;

    @InjectService(timeout = 20_000)
    ServiceComponentRuntime scr;

    @InjectService(timeout = 20_000)
    LogReaderService logs;

    @Test
    void everyAttributeOfEveryPidRefusesHostileValuesBeforeAndAfterARestart() throws Exception {
        List<Designate> targets = Designate.all(context, metatype);
        assertTrue(targets.size() >= 20, "Wren PIDs found: " + targets.size());
        int refused = 0;
        for (Designate t : targets) {
            refused += attack(t);
        }
        assertTrue(refused > 300, "hostile values refused: " + refused);
    }

    private Configuration configuration(String definedBy) throws Exception {
        Configuration[] factory = cm.listConfigurations("(service.factoryPid=" + definedBy + ")");
        if (factory != null) {
            return Stream.of(factory).sorted((a, b) -> a.getPid().compareTo(b.getPid())).findFirst().orElseThrow();
        }
        return cm.getConfiguration(definedBy, "?");
    }

    private int attack(Designate t) throws Exception {
        Configuration c = configuration(t.pid());
        String pid = c.getPid();
        Dictionary<String, Object> baseline = c.getProperties() == null ? new Hashtable<>() : Hostile.copy(c.getProperties());
        baseline.remove("service.pid");
        baseline.remove("service.factoryPid");
        baseline.remove("service.bundleLocation");
        if (c.getProperties() == null) {
            c.update(baseline);
        }
        Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
        Stream.of(t.ocd().getAttributeDefinitions(ObjectClassDefinition.ALL)).forEach(ad -> ads.put(ad.getID(), ad));
        Map<String, Boolean> required = new HashMap<>();
        ads.keySet().forEach(id -> required.put(id, false));
        AttributeDefinition[] req = t.ocd().getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        Stream.of(req == null ? new AttributeDefinition[0] : req).forEach(ad -> required.put(ad.getID(), true));
        Map<String, String[]> bounds = Hostile.bounds(t.bundle(), t.pid());
        Dictionary<String, Object> original = Hostile.copy(baseline);
        for (AttributeDefinition ad : ads.values()) {
            Object d = ad.getDefaultValue() == null ? null : Hostile.typed(ad);
            if (baseline.get(ad.getID()) == null && d != null) {
                baseline.put(ad.getID(), d);
            }
        }
        baseline.put("hostile.test.run", System.nanoTime()); // a change, so the guard reads the baseline now
        c.update(baseline);
        List<String> configured = new ArrayList<>(ads.keySet());
        configured.removeIf(id -> baseline.get(id) == null);
        Gateway.await(pid + " running on its baseline before the attack",
                () -> runningOn(t, pid, baseline, configured), () -> received(t.pid(), pid));
        if (!states(t.pid(), pid).isEmpty()) {
            Gateway.await(pid + " baseline kept as the last good values",
                    () -> keptAsLastGood(pid, baseline, configured), () -> lastGood(pid));
        }
        Map<String, Integer> before = states(t.pid(), pid);
        int refused = 0;
        try {
            for (String kind : Hostile.KINDS) {
                Map<String, Object> hostile = new LinkedHashMap<>();
                for (AttributeDefinition ad : ads.values()) {
                    Object v = Hostile.value(kind, ad, required.get(ad.getID()),
                            bounds.getOrDefault(ad.getID(), new String[2]));
                    if (v != null) {
                        hostile.put(ad.getID(), v);
                    }
                }
                if (!hostile.isEmpty()) {
                    refused += apply(t, c, baseline, hostile, before, kind, false);
                }
            }
            refused += apply(t, c, baseline, Hostile.mixed(ads, required, bounds), before, "mixed", true);
        } finally {
            c.update(original);
        }
        Map<String, Integer> after = states(t.pid(), pid);
        Gateway.await(pid + " back on its baseline", () -> healthy(before, states(t.pid(), pid)),
                () -> after);
        return refused;
    }

    /** Writes {@code hostile} over the baseline, checks refusals, states and values; restarts if asked. */
    private int apply(Designate t, Configuration c, Dictionary<String, Object> baseline, Map<String, Object> hostile,
            Map<String, Integer> before, String kind, boolean restart) throws Exception {
        String pid = c.getPid();
        String what = pid + " with " + kind + " values " + hostile.keySet();
        try (LogWatch log = new LogWatch(logs)) {
            Dictionary<String, Object> props = Hostile.copy(baseline);
            hostile.forEach(props::put);
            c.update(props);
            awaitRefusedAndRunningOnBaseline(t, pid, baseline, hostile, before, log, what);
            if (restart) {
                log.entries.clear();
                t.bundle().stop();
                t.bundle().start();
                awaitRefusedAndRunningOnBaseline(t, pid, baseline, hostile, before, log, what + " after a restart");
            }
            assertFalse(log.entries.stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("\n")
                    || String.valueOf(e.getMessage()).contains("\u0000")), "a raw control character reached the log");
        }
        return hostile.size();
    }

    private void awaitRefusedAndRunningOnBaseline(Designate t, String pid, Dictionary<String, Object> baseline,
            Map<String, Object> hostile, Map<String, Integer> before, LogWatch log, String what) throws Exception {
        Gateway.await("every refusal of " + what + " logged",
                () -> hostile.keySet().stream().allMatch(id -> log.hasWarning("Configuration " + pid + ": " + id + " refused")),
                () -> log.entries.stream().map(e -> e.getMessage()).collect(Collectors.toList()));
        Gateway.await(what + ": components as healthy as before, on the last good values",
                () -> healthy(before, states(t.pid(), pid)) && runningOn(t, pid, baseline, hostile.keySet()),
                () -> states(t.pid(), pid) + " " + received(t.pid(), pid));
        assertEquals(List.of(), log.errorsFrom("dev.wren."), what);
    }

    private boolean keptAsLastGood(String pid, Dictionary<String, Object> baseline, List<String> ids) {
        java.util.Properties p = lastGood(pid);
        for (String id : ids) {
            String n = p.getProperty(id + "#");
            if (n == null) {
                return false;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(n); i++) {
                values.add(p.getProperty(id + "#" + i));
            }
            if (!Hostile.normal(baseline.get(id)).equals(Hostile.normal(values.toArray()))) {
                return false;
            }
        }
        return true;
    }

    /** The guard's last good values of {@code pid}, as docs/configuration.md describes where they are kept. */
    private java.util.Properties lastGood(String pid) {
        java.util.Properties p = new java.util.Properties();
        java.nio.file.Path file = java.nio.file.Path.of(context.getProperty("wren.data.dir"), "config-last-good",
                java.net.URLEncoder.encode(pid, java.nio.charset.StandardCharsets.UTF_8) + ".properties");
        try (var in = java.nio.file.Files.newBufferedReader(file)) {
            p.load(in);
        } catch (java.io.IOException e) {
            // not written yet
        }
        return p;
    }

    /** Component name -> state of its configuration for {@code pid}, for the components configured by it. */
    private Map<String, Integer> states(String definedBy, String pid) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!List.of(d.configurationPid).contains(definedBy) || "ignore".equals(d.configurationPolicy)) {
                continue;
            }
            for (ComponentConfigurationDTO cc : scr.getComponentConfigurationDTOs(d)) {
                if (pid.equals(String.valueOf(cc.properties.get("service.pid")))) {
                    out.put(d.name, cc.state);
                }
            }
        }
        return out;
    }

    private Map<String, Map<String, Object>> received(String definedBy, String pid) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (List.of(d.configurationPid).contains(definedBy)) {
                for (ComponentConfigurationDTO cc : scr.getComponentConfigurationDTOs(d)) {
                    if (pid.equals(String.valueOf(cc.properties.get("service.pid")))) {
                        out.put(d.name, cc.properties);
                    }
                }
            }
        }
        return out;
    }

    /** Every component that was active or satisfied still is; none failed. */
    private static boolean healthy(Map<String, Integer> before, Map<String, Integer> now) {
        if (!now.keySet().containsAll(before.keySet())) {
            return false;
        }
        return before.entrySet().stream().allMatch(e -> {
            int was = e.getValue();
            int is = now.get(e.getKey());
            boolean wasRunning = was == ComponentConfigurationDTO.ACTIVE || was == ComponentConfigurationDTO.SATISFIED;
            boolean running = is == ComponentConfigurationDTO.ACTIVE || is == ComponentConfigurationDTO.SATISFIED;
            return is != ComponentConfigurationDTO.FAILED_ACTIVATION && (!wasRunning || running);
        });
    }

    /**
     * Each component received, for every attacked attribute, the baseline's value; where the baseline has
     * none, the metatype default (or nothing, the component's own default).
     */
    private boolean runningOn(Designate t, String pid, Dictionary<String, Object> baseline, Iterable<String> ids) {
        for (Map<String, Object> props : received(t.pid(), pid).values()) {
            for (String id : ids) {
                Object expected = baseline.get(id);
                Object actual = props.get(id);
                if (expected == null) {
                    if (actual != null && !Hostile.normal(actual).equals(Hostile.normal(defaultOf(t, id)))) {
                        return false;
                    }
                } else if (!Hostile.normal(expected).equals(Hostile.normal(actual))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Object defaultOf(Designate t, String id) {
        return Stream.of(t.ocd().getAttributeDefinitions(ObjectClassDefinition.ALL)).filter(ad -> ad.getID().equals(id))
                .findFirst().map(AttributeDefinition::getDefaultValue).orElse(null);
    }

}
