package dev.wren.feature.packager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * entries in stream order), and writes the next build of one (the same package with a higher
 * version, chosen bundles carrying a higher version as a rebuild gives them) or a model package
 * for another version of the model. For tests and benchmarks that update packages.
 */
public final class Packages {

    private Packages() {
    }

    /**
     * A package: its manifest, its entries in stream order (name to bytes) and, apart, the files of its
     * JAR signature (META-INF/*.SF and the signature block), in stream order too.
     */
    public record Dp(Manifest manifest, Map<String, byte[]> entries, List<String> signature) {

        public String name() {
            return manifest.getMainAttributes().getValue("DeploymentPackage-SymbolicName");
        }

        public String version() {
            return manifest.getMainAttributes().getValue("DeploymentPackage-Version");
        }

        /** @return entry name to its manifest section, bundles and resources */
        public Map<String, Attributes> sections() {
            return manifest.getEntries();
        }

        public List<String> bundleEntries() {
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
        public Attributes bundleManifest(String entry) throws IOException {
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(entries.get(entry)))) {
                return in.getManifest().getMainAttributes();
            }
        }
    }

    /** The version the next build gives: the same with a later qualifier (qualifiers compare as strings). */
    public static String nextBuild(String version) {
        String[] p = version.split("\\.");
        return p.length == 4 ? version + "1" : version + ".1";
    }

    public static Dp read(Path dp) throws IOException {
        try (InputStream file = Files.newInputStream(dp); JarInputStream in = new JarInputStream(file)) {
            Manifest mf = in.getManifest();
            if (mf == null) {
                throw new IOException(dp + " has no manifest as its first entry");
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            List<String> signature = new ArrayList<>();
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (e.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")) {
                    signature.add(e.getName());
                } else {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            return new Dp(mf, entries, signature);
        }
    }

    /**
     * Writes {@code dp} again as {@code version}; each bundle named in {@code bundleVersions} gets
     * that Bundle-Version in its own manifest and in its section. The result is unsigned, as any
     * package not made by the build's key.
     */
    public static Path rewrite(Path dp, Path out, String version, Map<String, String> bundleVersions) throws IOException {
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

    /**
     * Writes into {@code dir} the 1.0.0 package {@code shipped} of {@code model} as the build of another model
     * version would give it: its own package and bundle name, the version in the manifest, the capability and
     * the descriptor.
     */
    public static Path otherModelVersion(Path shipped, Path dir, String model, String version) throws IOException {
        Dp dp = read(shipped);
        String entry = dp.bundleEntries().get(0);
        String bsn = "dev.wren.model." + model + "-" + version;
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
