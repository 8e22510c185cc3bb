package dev.wren.inference.internal.spread;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

import dev.wren.inference.Model;
import dev.wren.trust.Signatures;

/**
 * The model bundles this gateway hands to its peers: each one asked for is copied once, with its
 * signature, into a jar in the shelf's directory ({@link Signatures#copy}), and parts of that jar are
 * read from there. A copy is made only of a model version the extender validated; it is dropped
 * when the bundle is gone.
 */
final class ModelShelf {

    /** One model bundle as a jar. */
    record Copy(String bundle, String bundleVersion, Path jar, long size, String sha256) {
    }

    private final BundleContext context;
    private final Signatures signatures;
    private final Path dir;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();

    ModelShelf(BundleContext context, Signatures signatures, Path dir) {
        this.context = context;
        this.signatures = signatures;
        this.dir = dir;
    }

    /** @throws IllegalArgumentException no installed bundle provides that model version */
    Copy copy(String model, String version) throws IOException {
        String key = model + "@" + version;
        Copy c = copies.get(key);
        Bundle b = installed(context, model).get(Version.parseVersion(version));
        if (b == null) {
            copies.remove(key);
            throw new IllegalArgumentException("model " + model + " " + version + " is not installed here");
        }
        if (c != null && c.bundle().equals(b.getSymbolicName()) && Files.exists(c.jar())) {
            return c;
        }
        synchronized (this) {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "copy-", ".jar");
            try {
                signatures.copy(b, tmp);
                Path jar = dir.resolve(b.getSymbolicName() + "-" + b.getVersion() + ".jar");
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                c = new Copy(b.getSymbolicName(), b.getVersion().toString(), jar, Files.size(jar), Sha256.of(jar));
                copies.put(key, c);
                return c;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** @return up to {@code max} bytes of the copy from {@code offset} */
    static byte[] read(Copy c, long offset, int max) throws IOException {
        int n = (int) Math.max(0, Math.min(max, c.size() - offset));
        ByteBuffer b = ByteBuffer.allocate(n);
        try (FileChannel f = FileChannel.open(c.jar())) {
            while (b.hasRemaining() && f.read(b, offset + b.position()) >= 0) {
                // reads until full
            }
        }
        return b.array();
    }

    /** @return the installed bundles that provide {@code model}, by the model version they provide */
    static NavigableMap<Version, Bundle> installed(BundleContext context, String model) {
        NavigableMap<Version, Bundle> out = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision r = b.adapt(BundleRevision.class);
            if (r == null || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            for (BundleCapability c : r.getDeclaredCapabilities(Model.CAPABILITY)) {
                Map<String, Object> a = c.getAttributes();
                if (model.equals(a.get("name")) && a.get("version") instanceof Version v) {
                    out.put(v, b);
                }
            }
        }
        return out;
    }
}
