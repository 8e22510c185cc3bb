package dev.wren.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;

/** StorageCheck against a real Felix whose storage is reopened between steps, as across restarts. */
class StorageCheckTest {

    @TempDir
    Path storage;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LaunchLog log = new LaunchLog("INFO", new PrintStream(out, true, StandardCharsets.UTF_8));

    private static final byte[] MODEL = bundle("dev.wren.model.x", "1.0.0");
    private static final byte[] API = bundle("dev.wren.api", "0.1.0");
    private static final Map<String, byte[]> SHIPPED = Map.of("jar/model.jar", MODEL, "jar/api.jar", API);

    @Test
    void theSameJarReinstalledFromAnotherLocationIsUninstalledSoTheShippedOneInstalls() throws Exception {
        withFramework(fw -> {
            shippedInstall(fw);
            fw.getBundleContext().getBundle("jar/model.jar").uninstall();
            fw.getBundleContext().installBundle("inputstream:model.jar", new ByteArrayInputStream(MODEL));
        });
        withFramework(fw -> {
            BundleException refused = assertThrows(BundleException.class, () -> shippedInstall(fw),
                    "without the check the shipped bundle is refused");
            assertTrue(refused.getMessage().contains("not unique"), refused.getMessage());
        });
        withFramework(fw -> {
            assertEquals(2, check(fw), out.toString());
            shippedInstall(fw);
            assertNull(fw.getBundleContext().getBundle("inputstream:model.jar"));
            assertNotNull(fw.getBundleContext().getBundle("jar/model.jar"));
        });
        String logged = out.toString();
        assertTrue(logged.contains("WARN  [dev.wren.launcher] Framework storage: dev.wren.model.x 1.0.0"), logged);
        assertTrue(logged.contains("installed from inputstream:model.jar has the symbolic name and version of the "
                + "shipped jar/model.jar"), logged);
        assertTrue(logged.contains("1 shipped bundles missing"), logged);
    }

    @Test
    void operatorBundlesOfOtherNamesOrVersionsStayAndAConsistentStorageIsLeftAlone() throws Exception {
        withFramework(fw -> {
            shippedInstall(fw);
            fw.getBundleContext().installBundle("inputstream:model-1.1.jar",
                    new ByteArrayInputStream(bundle("dev.wren.model.x", "1.1.0")));
            fw.getBundleContext().installBundle("inputstream:extra.jar",
                    new ByteArrayInputStream(bundle("com.example.extra", "1.0.0")));
        });
        withFramework(fw -> {
            assertEquals(0, check(fw), out.toString());
            assertEquals(5, fw.getBundleContext().getBundles().length);
        });
        assertEquals("", out.toString());
    }

    @Test
    void aBundleLeftFromAnEarlierShippedSetIsUninstalledAndAFirstStartNeedsNothing() throws Exception {
        withFramework(fw -> assertEquals(0, check(fw)));
        withFramework(fw -> {
            shippedInstall(fw);
            fw.getBundleContext().installBundle("jar/model-0.9.jar",
                    new ByteArrayInputStream(bundle("dev.wren.model.x", "0.9.0")));
        });
        withFramework(fw -> {
            assertEquals(1, check(fw));
            assertNull(fw.getBundleContext().getBundle("jar/model-0.9.jar"));
        });
        assertTrue(out.toString().contains("is left from an earlier wren.jar"), out.toString());
    }

    @Test
    void controlCharactersInALocationDoNotReachTheLogRaw() {
        assertEquals("a\\nb\\u0000c", LaunchLog.escape("a\nb\0c"));
        assertEquals("a\\u0085b\\u2028c\\u202ed", LaunchLog.escape("a\u0085b\u2028c\u202ed"));
    }

    @Test
    void theShippedIdentityIsReadFromTheJarOnTheClassPath() throws IOException {
        ClassLoader loader = new ClassLoader(null) {
            @Override
            protected java.net.URL findResource(String name) {
                try {
                    Path f = storage.resolve("shipped.jar");
                    java.nio.file.Files.write(f, MODEL);
                    return name.equals("jar/model.jar") ? f.toUri().toURL() : null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        assertEquals(new StorageCheck.Identity("dev.wren.model.x", new Version(1, 0, 0)),
                StorageCheck.shippedIdentity(loader, "jar/model.jar"));
        assertNull(StorageCheck.shippedIdentity(loader, "jar/absent.jar"));
    }

    private int check(Framework fw) {
        return new StorageCheck(fw.getBundleContext(), List.of("jar/api.jar", "jar/model.jar"), location -> {
            try (var in = new java.util.jar.JarInputStream(new ByteArrayInputStream(SHIPPED.get(location)))) {
                return StorageCheck.Identity.of(in.getManifest());
            } catch (IOException e) {
                return null;
            }
        }, log).run();
    }

    /** What bnd's launcher does in embedded mode: install each shipped jar unless its location is there. */
    private static void shippedInstall(Framework fw) throws BundleException {
        for (String location : List.of("jar/api.jar", "jar/model.jar")) {
            if (fw.getBundleContext().getBundle(location) == null) {
                fw.getBundleContext().installBundle(location, new ByteArrayInputStream(SHIPPED.get(location)));
            }
        }
    }

    interface Step {
        void run(Framework fw) throws Exception;
    }

    private void withFramework(Step step) throws Exception {
        Framework fw = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                "felix.log.level", "0"));
        fw.init();
        try {
            step.run(fw);
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }

    private static byte[] bundle(String bsn, String version) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, bsn + ";singleton:=true");
        a.putValue(Constants.BUNDLE_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
