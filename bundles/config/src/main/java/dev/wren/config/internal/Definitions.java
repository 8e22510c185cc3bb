package dev.wren.config.internal;

import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The rules of a Wren PID (or factory PID), from the MetaTypeService's definitions in the dev.wren.* bundle
 * that declares it, with the min and max its metatype XML declares (which the MetaType API does not expose)
 * for the log. Cached per bundle and its last modification.
 */
final class Definitions {

    static final String PREFIX = "dev.wren.";

    private record Entry(long bundle, long modified, Map<String, Rule> rules) {
    }

    private final BundleContext context;
    private final ServiceTracker<MetaTypeService, MetaTypeService> metatype;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    Definitions(BundleContext context, ServiceTracker<MetaTypeService, MetaTypeService> metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    /** The rules by attribute id; null when no active metatype names this PID (nothing to check). */
    Map<String, Rule> rules(String pid) {
        Entry e = cache.get(pid);
        if (e != null) {
            Bundle b = context.getBundle(e.bundle());
            if (b != null && b.getLastModified() == e.modified() && b.getState() != Bundle.UNINSTALLED) {
                return e.rules();
            }
            cache.remove(pid);
        }
        MetaTypeService service = metatype.getService();
        if (service == null) {
            return null;
        }
        for (Bundle b : context.getBundles()) {
            String name = b.getSymbolicName();
            if (name == null || !name.startsWith(PREFIX) || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            MetaTypeInformation info = service.getMetaTypeInformation(b);
            if (info == null || !(contains(info.getPids(), pid) || contains(info.getFactoryPids(), pid))) {
                continue;
            }
            Map<String, Rule> rules = rules(b, pid, info.getObjectClassDefinition(pid, null));
            cache.put(pid, new Entry(b.getBundleId(), b.getLastModified(), rules));
            return rules;
        }
        return null;
    }

    private static Map<String, Rule> rules(Bundle b, String pid, ObjectClassDefinition ocd) {
        Set<String> required = new HashSet<>();
        AttributeDefinition[] req = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        if (req != null) {
            Arrays.stream(req).forEach(ad -> required.add(ad.getID()));
        }
        Map<String, String[]> bounds = bounds(b, pid);
        Map<String, Rule> rules = new LinkedHashMap<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            String[] mm = bounds.getOrDefault(ad.getID(), new String[2]);
            rules.put(ad.getID(), Rule.of(ad, required.contains(ad.getID()), mm[0], mm[1]));
        }
        return rules;
    }

    /** min and max of each AD in OSGI-INF/metatype/{pid}.xml; empty when the file is elsewhere or unreadable. */
    static Map<String, String[]> bounds(Bundle b, String pid) {
        Map<String, String[]> out = new HashMap<>();
        URL url = b.getEntry("OSGI-INF/metatype/" + pid + ".xml");
        if (url == null) {
            return out;
        }
        try (InputStream in = url.openStream()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder db = f.newDocumentBuilder();
            NodeList ads = db.parse(in).getElementsByTagName("AD");
            for (int i = 0; i < ads.getLength(); i++) {
                Element ad = (Element) ads.item(i);
                String min = ad.getAttribute("min");
                String max = ad.getAttribute("max");
                out.put(ad.getAttribute("id"), new String[] {min.isEmpty() ? null : min, max.isEmpty() ? null : max});
            }
        } catch (Exception e) {
            out.clear();
        }
        return out;
    }

    private static boolean contains(String[] pids, String pid) {
        return pids != null && Arrays.asList(pids).contains(pid);
    }
}
