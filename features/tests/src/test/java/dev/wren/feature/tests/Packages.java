package dev.wren.feature.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Reads deployment packages as DeploymentAdmin does (a JarInputStream: manifest first, then the
 * entries in stream order), and writes the next build of one: the same package with a higher
 * version, and chosen bundles carrying a higher version as a rebuild gives them.
 */
final class Packages {

    private Packages() {
    }

    /** A package: its manifest and its entries in stream order (name to bytes). */
    record Dp(Manifest manifest, Map<String, byte[]> entries) {

        String name() {
            return manifest.getMainAttributes().getValue("DeploymentPackage-SymbolicName");
        }

        String version() {
            return manifest.getMainAttributes().getValue("DeploymentPackage-Version");
        }

        /** @return entry name to its manifest section, bundles and resources */
        Map<String, Attributes> sections() {
            return manifest.getEntries();
        }

        List<String> bundleEntries() {
            List<String> out = new ArrayList<>();
            entries.keySet().forEach(n -> {
                Attributes a = sections().get(n);
                if (a != null && a.getValue("Bundle-SymbolicName") != null) {
                    out.add(n);
                }
            });
            return out;
        }

        /** @return the main attributes of a bundle entry's own manifest */
        Attributes bundleManifest(String entry) throws IOException {
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(entries.get(entry)))) {
                return in.getManifest().getMainAttributes();
            }
        }
    }

    static Dp read(Path dp) throws IOException {
        try (InputStream file = Files.newInputStream(dp); JarInputStream in = new JarInputStream(file)) {
            Manifest mf = in.getManifest();
            if (mf == null) {
                throw new IOException(dp + " has no manifest as its first entry");
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
            return new Dp(mf, entries);
        }
    }

    /**
     * Writes {@code dp} again as {@code version}; each bundle named in {@code bundleVersions} gets
     * that Bundle-Version in its own manifest and in its section.
     */
    static Path rewrite(Path dp, Path out, String version, Map<String, String> bundleVersions) throws IOException {
        Dp p = read(dp);
        Manifest mf = new Manifest(p.manifest());
        mf.getMainAttributes().putValue("DeploymentPackage-Version", version);
        Map<String, byte[]> entries = new LinkedHashMap<>(p.entries());
        for (String entry : p.bundleEntries()) {
            Attributes section = mf.getEntries().get(entry);
            String v = bundleVersions.get(section.getValue("Bundle-SymbolicName"));
            if (v != null) {
                section.putValue("Bundle-Version", v);
                entries.put(entry, withVersion(p.entries().get(entry), v));
            }
        }
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file, mf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return out;
    }

    private static byte[] withVersion(byte[] bundle, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundle))) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, mf)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
