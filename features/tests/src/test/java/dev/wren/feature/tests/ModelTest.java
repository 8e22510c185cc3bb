package dev.wren.feature.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceReference;

/**
 * A new model version arrives as its own package beside the serving one: it runs as the canary,
 * serves once it agrees, and its package removed the previous version serves again, with no
 * application bundle stopped or replaced.
 */
class ModelTest {

    static final String MODEL = "vibration-trigger";

    @TempDir
    Path home;

    @Test
    void aModelPackageServesThroughTheCanaryAndUninstallsWithoutTouchingAnApplicationBundle() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Wren.installAll(kura);
            kura.configure("dev.wren.inference.Models", Map.of("canary.windows", "10"));
            KuraSet.await(MODEL + " 1.0.0 serving", 60, () -> serving(kura, "1.0.0"));
            Map<Long, Long> apps = applicationBundles(kura);
            Set<String> stopped = ConcurrentHashMap.newKeySet();
            BundleListener watch = e -> {
                if (e.getType() == BundleEvent.STOPPED && !e.getBundle().getSymbolicName().startsWith("dev.wren.model.")) {
                    stopped.add(e.getBundle().getSymbolicName());
                }
            };
            kura.context.addBundleListener(watch);
            try {
                String dp = "dev.wren.model." + MODEL + "-1.1.0";
                kura.install(modelPackage(home, "1.1.0"));
                try {
                    KuraSet.await(MODEL + " 1.1.0 serving after its canary trial", 120, () -> serving(kura, "1.1.0"));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; wren:models says: " + command(kura, "models")
                            + "; wren:pipeline says: " + command(kura, "pipeline"), e);
                }
                kura.uninstall(dp);
                KuraSet.await(MODEL + " 1.0.0 serving again", 20, () -> serving(kura, "1.0.0"));
            } finally {
                kura.context.removeBundleListener(watch);
            }
            assertEquals(Set.of(), stopped, "application bundles stopped");
            assertEquals(apps, applicationBundles(kura), "application bundles: id to last modified");
        }
    }

    static boolean serving(KuraSet kura, String version) {
        try {
            ServiceReference<?>[] refs = kura.context.getAllServiceReferences("dev.wren.inference.Model",
                    "(&(wren.model.name=" + MODEL + ")(wren.model.serving=true)(wren.model.version=" + version + "))");
            return refs != null && refs.length > 0;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The text of a {@code wren:} shell command without arguments. */
    static String command(KuraSet kura, String function) {
        try {
            for (ServiceReference<?> ref : kura.context.getAllServiceReferences(null,
                    "(osgi.command.function=" + function + ")")) {
                return (String) KuraSet.call(kura.context.getService(ref), function, new Class<?>[0]);
            }
            return "no " + function + " command";
        } catch (Exception e) {
            return e.toString();
        }
    }

    static Map<Long, Long> applicationBundles(KuraSet kura) {
        return java.util.Arrays.stream(kura.context.getBundles())
                .filter(b -> b.getLocation().startsWith("osgi-dp:") && !b.getSymbolicName().startsWith("dev.wren.model."))
                .collect(Collectors.toMap(Bundle::getBundleId, Bundle::getLastModified));
    }

    /**
     * The 1.0.0 package of {@link #MODEL} as the build of another model version would give it: its own
     * package and bundle name, the version in the manifest, the capability and the descriptor.
     */
    static Path modelPackage(Path dir, String version) throws IOException {
        Packages.Dp dp = Packages.read(KuraSet.file("dev.wren.model." + MODEL + "-1.0.0"));
        String entry = dp.bundleEntries().get(0);
        String bsn = "dev.wren.model." + MODEL + "-" + version;
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("DeploymentPackage-SymbolicName", bsn);
        main.putValue("DeploymentPackage-Version", version + "." + dp.version().split("\\.")[3]);
        Attributes section = new Attributes();
        section.putValue("Bundle-SymbolicName", bsn);
        section.putValue("Bundle-Version", version);
        mf.getEntries().put("bundles/" + bsn + ".jar", section);
        Path out = dir.resolve(bsn + ".dp");
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file, mf)) {
            jar.putNextEntry(new JarEntry("bundles/" + bsn + ".jar"));
            jar.write(modelBundle(dp.entries().get(entry), bsn, version));
            jar.closeEntry();
        }
        return out;
    }

    private static byte[] modelBundle(byte[] shipped, String bsn, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(shipped))) {
            Manifest mf = new Manifest(in.getManifest());
            Attributes a = mf.getMainAttributes();
            a.putValue("Bundle-SymbolicName", bsn);
            a.putValue("Bundle-Version", version);
            a.putValue("Provide-Capability", a.getValue("Provide-Capability").replaceFirst(
                    "version:Version=\"?1\\.0\\.0\"?", "version:Version=\"" + version + "\""));
            try (JarOutputStream out = new JarOutputStream(bytes, mf)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    byte[] content = in.readAllBytes();
                    if (e.getName().endsWith("model.json")) {
                        content = new String(content, StandardCharsets.UTF_8).replaceFirst(
                                "\"version\"\\s*:\\s*\"1\\.0\\.0\"", "\"version\":\"" + version + "\"")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    out.write(content);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
