package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.sensor.ReadingSink;

/**
 * Kura's configuration contract, for every PID and factory PID of every Wren bundle the metatype service
 * knows: the component registers {@code ConfigurableComponent} with {@code service.pid} and
 * {@code kura.service.pid} already on the registration (Kura ignores later property changes), no attribute
 * ends in {@code .target} without a reference of that name, every multi-value attribute holds at most 10
 * values (the fields Kura's UI shows), secrets are password attributes; and a filter a user types that is
 * not LDAP is refused by name while its component runs on.
 */
class KuraContractTest extends GatewayTestBase {

    static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    static final Pattern SECRET = Pattern.compile("(^|\\.)(password|passwd|secret|token|keys?|credentials?)$");

    @InjectService(timeout = 20_000)
    MetaTypeService metatype;

    @InjectService(timeout = 20_000)
    ServiceComponentRuntime scr;

    @InjectService(timeout = 20_000)
    LogReaderService logs;

    /** Bundles of the standalone runtime only: no deployment package holds them, Kura never sees them. */
    private static final Set<String> STANDALONE_ONLY =
            Set.of("dev.wren.standalone", "dev.wren.guard", "dev.wren.logging", "dev.wren.kura.compat");

    private List<Designate> designates() {
        return Designate.all(context, metatype).stream()
                .filter(d -> !STANDALONE_ONLY.contains(d.bundle().getSymbolicName())).toList();
    }

    private List<ComponentDescriptionDTO> components(Designate d) {
        return scr.getComponentDescriptionDTOs(d.bundle()).stream()
                .filter(c -> List.of(c.configurationPid).contains(d.pid())).toList();
    }

    @Test
    void everyAttributeMeetsKurasUiRules() {
        List<Designate> all = designates();
        assertTrue(all.size() >= 20, "Wren PIDs found: " + all.size());
        List<String> broken = new ArrayList<>();
        for (Designate d : all) {
            List<String> references = components(d).stream().flatMap(c -> Stream.of(c.references))
                    .map(r -> r.name).toList();
            for (AttributeDefinition ad : d.ocd().getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                String id = ad.getID();
                if (id.endsWith(".target") && !references.contains(id.substring(0, id.length() - ".target".length()))) {
                    broken.add(d.pid() + ": " + id + " ends in .target without a reference of that name (Kura shows it read-only)");
                }
                if (ad.getCardinality() != 0 && Math.abs(ad.getCardinality()) > 10) {
                    broken.add(d.pid() + ": " + id + " cardinality " + ad.getCardinality() + ", more than the 10 fields Kura shows");
                }
                if (SECRET.matcher(id).find() && ad.getType() != AttributeDefinition.PASSWORD) {
                    broken.add(d.pid() + ": " + id + " holds a secret but is not a Password attribute");
                }
            }
            if (components(d).isEmpty()) {
                broken.add(d.pid() + ": no component of " + d.bundle().getSymbolicName() + " reads this PID");
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyDesignatedComponentRegistersAsKuraListsIt() throws Exception {
        List<String> broken = new ArrayList<>();
        for (Designate d : designates()) {
            String problem = d.factory() ? factoryInstance(d) : restarted(d);
            if (problem != null) {
                broken.add(problem);
            }
        }
        assertEquals(List.of(), broken);
    }

    /** Restarts the singleton's bundle; null when the component's first registration carries both properties. */
    private String restarted(Designate d) throws Exception {
        Registrations seen = new Registrations();
        context.addServiceListener(seen, "(objectClass=" + CONFIGURABLE + ")");
        try {
            d.bundle().stop();
            d.bundle().start();
            return seen.await(d.pid(), d.pid());
        } finally {
            context.removeServiceListener(seen);
        }
    }

    /**
     * Null when an instance's first registration carries both properties: the first configured instance, its
     * bundle restarted (a second instance of a chip driver would take the simulated chip from the one the
     * other tests read), else a new instance created from the defaults.
     */
    private String factoryInstance(Designate d) throws Exception {
        Configuration[] existing = cm.listConfigurations("(service.factoryPid=" + d.pid() + ")");
        if (existing != null) {
            String pid = Stream.of(existing).map(Configuration::getPid).sorted().findFirst().orElseThrow();
            Registrations seen = new Registrations();
            context.addServiceListener(seen, "(objectClass=" + CONFIGURABLE + ")");
            try {
                d.bundle().stop();
                d.bundle().start();
                return seen.await(d.pid(), pid);
            } finally {
                context.removeServiceListener(seen);
            }
        }
        Registrations seen = new Registrations();
        context.addServiceListener(seen, "(objectClass=" + CONFIGURABLE + ")");
        Configuration c = cm.getFactoryConfiguration(d.pid(), "contract", "?");
        try {
            Dictionary<String, Object> props = new Hashtable<>();
            for (AttributeDefinition ad : d.ocd().getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                if (ad.getID().equals("sensor.id")) {
                    props.put("sensor.id", "contract-" + d.pid().substring(d.pid().lastIndexOf('.') + 1).toLowerCase());
                }
            }
            c.update(props);
            return seen.await(d.pid(), c.getPid());
        } finally {
            context.removeServiceListener(seen);
            c.delete();
        }
    }

    /** The properties of each ConfigurableComponent registration, as they were when it registered. */
    static final class Registrations implements ServiceListener {
        final List<Map<String, Object>> registered = new CopyOnWriteArrayList<>();

        @Override
        public void serviceChanged(ServiceEvent event) {
            if (event.getType() == ServiceEvent.REGISTERED) {
                ServiceReference<?> r = event.getServiceReference();
                Map<String, Object> p = new HashMap<>();
                for (String key : r.getPropertyKeys()) {
                    p.put(key, r.getProperty(key));
                }
                registered.add(p);
            }
        }

        /** Null once a registration of {@code pid} carried service.pid and a kura.service.pid; else what was seen. */
        String await(String designate, String pid) throws InterruptedException {
            try {
                Gateway.await(designate + " registered as ConfigurableComponent with service.pid=" + pid
                        + " and kura.service.pid", () -> registered.stream().anyMatch(p -> pid.equals(p.get(Constants.SERVICE_PID))
                                && p.get("kura.service.pid") instanceof String k && !k.isBlank()));
                return null;
            } catch (AssertionError e) {
                return designate + ": no ConfigurableComponent registration with service.pid=" + pid
                        + " and kura.service.pid; registrations seen: " + registered.stream()
                                .map(p -> "{service.pid=" + p.get(Constants.SERVICE_PID) + ", kura.service.pid="
                                        + p.get("kura.service.pid") + ", component.name=" + p.get("component.name") + "}")
                                .collect(Collectors.joining(", "));
            }
        }
    }

    @Test
    void aSensorsFilterThatIsNotLdapIsRefusedByNameAndTheSinkRunsOn() throws Exception {
        Configuration c = cm.listConfigurations("(service.factoryPid=" + Gateway.LOG_SINK + ")")[0];
        String pid = c.getPid();
        Dictionary<String, Object> original = Hostile.copy(c.getProperties());
        try (LogWatch log = new LogWatch(logs)) {
            Dictionary<String, Object> props = Hostile.copy(original);
            props.remove(ReadingSink.SENSORS_TARGET);
            props.put(ReadingSink.SENSORS_FILTER, "(sensor.id=" + Gateway.SENSOR_ID + ")");
            c.update(props);
            Gateway.await("the new id's filter is the sink's sensors.target",
                    () -> ("(sensor.id=" + Gateway.SENSOR_ID + ")").equals(sinkTarget(pid)), () -> sinkTarget(pid));

            props.put(ReadingSink.SENSORS_FILTER, "sensor.id=" + Gateway.SENSOR_ID + ")");
            c.update(props);
            Gateway.await("the refusal logged naming sensors.filter", () -> log.hasWarning("Configuration " + pid
                    + ": sensors.filter refused (an LDAP filter"), () -> log.entries.stream().map(e -> e.getMessage()).toList());
            assertTrue(log.hasWarning("value \"sensor.id=" + Gateway.SENSOR_ID + ")\"; running the last good value \"(sensor.id="
                    + Gateway.SENSOR_ID + ")\" instead"), () -> log.entries.stream().map(e -> e.getMessage()).toList().toString());
            Gateway.await("the sink active on its last good filter", () -> active(pid)
                    && ("(sensor.id=" + Gateway.SENSOR_ID + ")").equals(sinkTarget(pid)), () -> sinkTarget(pid));
            assertEquals(List.of(), log.errorsFrom("dev.wren."));
        } finally {
            c.update(original);
        }
        Gateway.await("the old id works again", () -> "(sensor.kind=health)".equals(sinkTarget(pid)), () -> sinkTarget(pid));
    }

    private Object sinkTarget(String pid) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(ReadingSink.class.getName(), "(service.pid=" + pid + ")");
            return refs == null ? null : refs[0].getProperty(ReadingSink.SENSORS_TARGET);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean active(String pid) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO cc : scr.getComponentConfigurationDTOs(d)) {
                if (pid.equals(cc.properties.get(Constants.SERVICE_PID))) {
                    return cc.state == ComponentConfigurationDTO.ACTIVE;
                }
            }
        }
        return false;
    }
}
