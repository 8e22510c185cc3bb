package dev.wren.itests.kura.service.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.osgi.util.tracker.ServiceTracker;

import dev.wren.itests.kura.service.Ad;
import dev.wren.itests.kura.service.KuraConfigurationService;
import dev.wren.itests.kura.service.Ocd;

/** Test only: the stand-in for Kura's configuration service; {@link KuraConfigurationService} says what it does. */
@Component(immediate = true)
public final class ConfigurationStandIn implements KuraConfigurationService {

    static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    static final String TARGET = ".target";

    private final Map<String, Ocd> definitions = new ConcurrentHashMap<>();
    private final Set<String> factoryPids = ConcurrentHashMap.newKeySet();
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private final BundleContext context;
    private final ConfigurationAdmin cm;
    private final CryptoService crypto;
    private final MetaTypeService metatype;
    private final ServiceComponentRuntime scr;
    private final ServiceListener registrations = this::serviceChanged;
    private final BundleTracker<Bundle> bundles;

    @Activate
    public ConfigurationStandIn(BundleContext context, @Reference ConfigurationAdmin cm, @Reference CryptoService crypto,
            @Reference MetaTypeService metatype, @Reference ServiceComponentRuntime scr) throws InvalidSyntaxException {
        this.context = context;
        this.cm = cm;
        this.crypto = crypto;
        this.metatype = metatype;
        this.scr = scr;
        context.addServiceListener(registrations, "(objectClass=" + CONFIGURABLE + ")");
        bundles = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<Bundle>() {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                read(bundle);
                return bundle;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle object) {
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
            }
        });
        bundles.open();
    }

    @Deactivate
    void deactivate() {
        bundles.close();
        context.removeServiceListener(registrations);
    }

    /** Kura looks at a ConfigurableComponent when it is REGISTERED only; MODIFIED events change nothing. */
    private void serviceChanged(ServiceEvent event) {
        Object servicePid = event.getServiceReference().getProperty("service.pid");
        Object kuraPid = event.getServiceReference().getProperty(KURA_SERVICE_PID);
        if (event.getType() == ServiceEvent.REGISTERED && servicePid != null && kuraPid != null) {
            listed.add(String.valueOf(kuraPid));
        } else if (event.getType() == ServiceEvent.UNREGISTERING && kuraPid != null) {
            listed.remove(String.valueOf(kuraPid));
        }
    }

    private void read(Bundle bundle) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null) {
            return;
        }
        for (String pid : info.getPids()) {
            definition(bundle, pid).ifPresent(ocd -> seed(bundle, pid, ocd));
        }
        for (String factoryPid : info.getFactoryPids()) {
            definition(bundle, factoryPid).ifPresent(ocd -> factoryPids.add(factoryPid));
        }
    }

    private Optional<Ocd> definition(Bundle bundle, String pid) {
        String path = "OSGI-INF/metatype/" + pid + ".xml";
        URL url = bundle.getEntry(path);
        if (url == null) {
            problems.add(bundle.getSymbolicName() + ": " + path + ": missing (Kura reads the metatype of " + pid + " from there)");
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            Ocd ocd = MetatypeXml.read(in, pid);
            definitions.put(pid, ocd);
            return Optional.of(ocd);
        } catch (IOException e) {
            problems.add(bundle.getSymbolicName() + ": " + path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Kura gives every singleton PID a configuration with kura.service.pid, filling the defaults it lacks. */
    private void seed(Bundle bundle, String pid, Ocd ocd) {
        try {
            Configuration c = cm.getConfiguration(pid, "?");
            Dictionary<String, Object> current = c.getProperties();
            Dictionary<String, Object> next = current == null ? new Hashtable<>() : current;
            boolean changed = current == null;
            if (current == null) {
                for (Ad ad : ocd.attributes()) {
                    if (ad.defaultValue() != null) {
                        next.put(ad.id(), stored(ad, Values.typed(ad)));
                    }
                }
            }
            if (next.get(KURA_SERVICE_PID) == null) {
                next.put(KURA_SERVICE_PID, pid);
                changed = true;
            }
            if (changed) {
                c.update(next);
            }
            seeded.add(pid);
        } catch (IOException | KuraException | RuntimeException e) {
            problems.add(bundle.getSymbolicName() + ": cannot seed " + pid + ": " + e);
        }
    }

    /** A Password attribute is stored encrypted. */
    private Object stored(Ad ad, Object value) throws KuraException {
        if ("Password".equals(ad.type()) && value instanceof String s && !s.isEmpty()) {
            return new String(crypto.encryptAes(s.toCharArray()));
        }
        return value;
    }

    @Override
    public Set<String> getConfigurableComponentPids() {
        return Set.copyOf(listed);
    }

    @Override
    public Set<String> getFactoryComponentPids() {
        return Set.copyOf(factoryPids);
    }

    @Override
    public Set<String> getSeededPids() {
        return Set.copyOf(seeded);
    }

    @Override
    public Optional<Ocd> getDefinition(String pidOrFactoryPid) {
        return Optional.ofNullable(definitions.get(pidOrFactoryPid));
    }

    @Override
    public List<String> getMetatypeProblems() {
        return List.copyOf(problems);
    }

    @Override
    public void updateConfiguration(String pid, Map<String, Object> properties) throws KuraException {
        try {
            Configuration c = byKuraPid(pid).orElse(cm.getConfiguration(pid, "?"));
            String definitionPid = c.getFactoryPid() != null ? c.getFactoryPid() : c.getPid();
            Ocd ocd = definitions.get(definitionPid);
            if (ocd == null) {
                throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "no metatype read for " + definitionPid);
            }
            Dictionary<String, Object> current = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            Hashtable<String, Object> next = new Hashtable<>();
            for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                next.put(k, current.get(k));
            }
            next.putAll(checked(definitionPid, ocd, properties, current));
            next.put(KURA_SERVICE_PID, pid);
            c.update(next);
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_UPDATE, e, pid);
        }
    }

    @Override
    public void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties) throws KuraException {
        Ocd ocd = definitions.get(factoryPid);
        if (ocd == null || !factoryPids.contains(factoryPid)) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "no factory " + factoryPid);
        }
        Hashtable<String, Object> next = new Hashtable<>();
        for (Ad ad : ocd.attributes()) {
            if (ad.defaultValue() != null) {
                next.put(ad.id(), Values.typed(ad));
            }
        }
        Hashtable<String, Object> defaults = new Hashtable<>(next);
        next.putAll(properties);
        next = new Hashtable<>(checked(factoryPid, ocd, next, defaults));
        next.put(KURA_SERVICE_PID, pid);
        ServiceTracker<Object, Object> appears;
        try {
            appears = new ServiceTracker<>(context, context.createFilter("(" + KURA_SERVICE_PID + "=" + escape(pid) + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e, pid);
        }
        appears.open(true);
        try {
            cm.createFactoryConfiguration(factoryPid, "?").update(next);
            if (appears.waitForService(FACTORY_WAIT_MS) == null) {
                throw new KuraException(KuraErrorCode.TIMED_OUT, "no service with (" + KURA_SERVICE_PID + "=" + pid
                        + ") within " + FACTORY_WAIT_MS + " ms");
            }
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_UPDATE, e, pid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KuraException(KuraErrorCode.TIMED_OUT, e, pid);
        } finally {
            appears.close();
        }
    }

    @Override
    public void deleteFactoryConfiguration(String pid) throws KuraException {
        try {
            Configuration c = byKuraPid(pid).filter(x -> x.getFactoryPid() != null)
                    .orElseThrow(() -> new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "no factory component " + pid));
            c.delete();
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_UPDATE, e, pid);
        }
    }

    /** The .target rule and Password encryption, as the web UI applies them before Config Admin sees a value. */
    private Map<String, Object> checked(String definitionPid, Ocd ocd, Map<String, Object> properties,
            Dictionary<String, Object> current) throws KuraException {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            Optional<Ad> ad = ocd.attribute(e.getKey());
            Object value = e.getValue();
            if (ad.isPresent() && e.getKey().endsWith(TARGET) && !Objects.deepEquals(current.get(e.getKey()), value)) {
                String reference = e.getKey().substring(0, e.getKey().length() - TARGET.length());
                if (!hasReference(definitionPid, reference)) {
                    throw new KuraException(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID, e.getKey()
                            + " is read-only in Kura's web UI: no component configured by " + definitionPid + " has a reference named "
                            + reference);
                }
            }
            out.put(e.getKey(), ad.isPresent() ? stored(ad.get(), value) : value);
        }
        return out;
    }

    private boolean hasReference(String pid, String reference) {
        return scr.getComponentDescriptionDTOs().stream()
                .filter(d -> Arrays.asList(d.configurationPid).contains(pid))
                .anyMatch(d -> Arrays.stream(d.references).anyMatch(r -> r.name.equals(reference)));
    }

    private Optional<Configuration> byKuraPid(String pid) throws IOException {
        try {
            Configuration[] found = cm.listConfigurations("(" + KURA_SERVICE_PID + "=" + escape(pid) + ")");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (InvalidSyntaxException e) {
            throw new IOException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
