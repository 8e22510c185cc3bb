package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.itests.kura.service.Ocd;

/**
 * What Kura's web UI makes of Wren's components: every metatype reads with Kura's parser, and every
 * component that offers itself as a ConfigurableComponent under a singleton PID is listed.
 */
class ConfigurableComponentsTest extends KuraTestBase {

    static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";

    @InjectService(timeout = 20_000)
    MetaTypeService metatype;

    @InjectService(timeout = 20_000)
    ServiceComponentRuntime scr;

    @Test
    void everyWrenMetatypeReadsWithKurasParserAndItsOcdIdIsThePid() {
        List<String> problems = new ArrayList<>(kura.getMetatypeProblems().stream()
                .filter(p -> p.startsWith("dev.wren.") && !p.startsWith("dev.wren.itests")).toList());
        int definitions = 0;
        for (Bundle b : wrenBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : concat(info.getPids(), info.getFactoryPids())) {
                definitions++;
                Ocd ocd = kura.getDefinition(pid).orElse(null);
                if (ocd == null) {
                    problems.add(b.getSymbolicName() + ": " + pid + ": no definition read");
                } else if (ocd.attributes().isEmpty()) {
                    problems.add(b.getSymbolicName() + ": " + pid + ": no <AD> read");
                }
            }
        }
        assertTrue(definitions > 10, "metatype PIDs of Wren bundles: " + definitions);
        assertEquals(List.of(), problems);
    }

    @Test
    void everySingletonPidOfWrenGotAConfigurationWithKuraServicePid() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String pid : kura.getSeededPids()) {
            Object value = cm.getConfiguration(pid, "?").getProperties().get("kura.service.pid");
            if (!pid.equals(value)) {
                missing.add(pid + " has kura.service.pid " + value);
            }
        }
        assertFalse(kura.getSeededPids().isEmpty());
        assertEquals(List.of(), missing);
    }

    @Test
    void everyConfigurableWrenComponentIsListed() throws Exception {
        Set<String> singletons = new TreeSet<>(kura.getSeededPids());
        Set<String> expected = new TreeSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            boolean wren = d.bundle.symbolicName.startsWith("dev.wren.") && !d.bundle.symbolicName.startsWith("dev.wren.itests");
            if (wren && Arrays.asList(d.serviceInterfaces).contains(CONFIGURABLE)) {
                Arrays.stream(d.configurationPid).filter(singletons::contains).forEach(expected::add);
            }
        }
        assertTrue(expected.size() >= 5, "configurable singleton components of Wren: " + expected);
        await("every configurable Wren component listed", () -> kura.getConfigurableComponentPids().containsAll(expected),
                () -> "; not listed: " + notListed(expected));
    }

    private Set<String> notListed(Set<String> expected) {
        Set<String> out = new TreeSet<>(expected);
        out.removeAll(kura.getConfigurableComponentPids());
        return out;
    }

    private static List<String> concat(String[] a, String[] b) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            out.addAll(List.of(a));
        }
        if (b != null) {
            out.addAll(List.of(b));
        }
        return out;
    }
}
