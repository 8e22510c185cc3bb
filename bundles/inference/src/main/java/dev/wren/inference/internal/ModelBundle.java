package dev.wren.inference.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

import dev.wren.inference.Model;

/**
 * Reads a model bundle: its {@value Model#CAPABILITY} capability and the descriptor, model and
 * test vectors it points to. The capability's name and version must match the descriptor's.
 */
final class ModelBundle {

    static final String DEFAULT_DESCRIPTOR = "wren-model/model.json";

    private ModelBundle() {
    }

    /** @return the bundle's model capability, or null for any other bundle */
    static BundleCapability capability(Bundle b) {
        BundleRevision r = b.adapt(BundleRevision.class);
        if (r == null) {
            return null;
        }
        List<BundleCapability> caps = r.getDeclaredCapabilities(Model.CAPABILITY);
        return caps.isEmpty() ? null : caps.get(0);
    }

    /** @return the validated model, or {@link Loader.Refused} with the reason */
    static LoadedModel load(Bundle b, BundleCapability cap, Loader loader) throws Loader.Refused {
        Map<String, Object> attrs = cap.getAttributes();
        String path = attrs.get("descriptor") instanceof String s ? s : DEFAULT_DESCRIPTOR;
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        Descriptor d;
        try {
            d = Descriptor.parse(new String(read(b, path), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new Loader.Refused("descriptor " + path + ": " + e.getMessage());
        }
        Object version = attrs.get("version");
        if (!d.name().equals(attrs.get("name")) || !(version instanceof Version v) || !v.equals(d.version())) {
            throw new Loader.Refused("capability: the bundle declares " + attrs.get("name") + " " + version
                    + ", its descriptor " + d.name() + " " + d.version());
        }
        long stamp = b.getLastModified();
        return loader.load(d, read(b, dir + d.file()), new String(read(b, dir + d.vectors()), StandardCharsets.UTF_8),
                b.getBundleId()).stamp(stamp);
    }

    private static byte[] read(Bundle b, String path) throws Loader.Refused {
        URL url = b.getEntry(path);
        if (url == null) {
            throw new Loader.Refused("file: " + path + " is missing from the bundle");
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new Loader.Refused("file: " + path + " cannot be read: " + e.getMessage());
        }
    }
}
