package dev.wren.feature.packager;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Writes one deployment package (OSGi Deployment Admin, chapter 114): the manifest first, then
 * the bundles in the order given (DeploymentAdmin starts them in that order), then one
 * requirement resource per package needed, processed by the package's customizer (a bundle of
 * {@code dev.wren.feature.check}). Run by each features/ module in {@code package}:
 *
 * <pre>
 * Packager out=&lt;file.dp&gt; name=&lt;symbolic name&gt; version=&lt;Maven version&gt; qualifier=&lt;q&gt;
 *          bundles=&lt;dir&gt; order=&lt;artifactId,...|@file, one a line, # comments&gt; [customizer=&lt;jar&gt;] [requires=&lt;name&gt;=&lt;range&gt;;...]
 *          [description=&lt;text&gt;] [time=&lt;ISO instant of every entry&gt;]
 *          [keystore=&lt;PKCS12 file&gt; alias=&lt;key alias&gt; password=&lt;password|env:NAME&gt;]
 * </pre>
 *
 * With a keystore the package is signed ({@link Signer}) after it is written, the signature files
 * last (see {@link Signer#sign(Path, boolean)} for why).
 *
 * Every jar in the bundles directory must be named in {@code order} and the reverse, so a
 * dependency added to a module without a place in the start order fails the build.
 */
public final class Packager {

    private Packager() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = arguments(args);
        Path dir = Path.of(need(a, "bundles"));
        List<Path> bundles = new ArrayList<>();
        String customizer = a.getOrDefault("customizer", "");
        if (!customizer.isEmpty()) {
            bundles.add(Path.of(customizer));
        }
        String order = need(a, "order");
        if (order.startsWith("@")) {
            order = String.join(",", Files.readAllLines(Path.of(order.substring(1))).stream()
                    .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList());
        }
        bundles.addAll(ordered(dir, order));
        List<String[]> requires = new ArrayList<>();
        for (String r : a.getOrDefault("requires", "").split(";")) {
            if (!r.isBlank()) {
                int eq = r.indexOf('=');
                requires.add(new String[] {r.substring(0, eq).trim(), r.substring(eq + 1).trim()});
            }
        }
        if (!requires.isEmpty() && customizer.isEmpty()) {
            throw new IllegalArgumentException("requires needs a customizer to process it");
        }
        DeploymentPackage dp = new DeploymentPackage(need(a, "name"),
                osgiVersion(need(a, "version"), need(a, "qualifier")), a.getOrDefault("description", ""),
                bundles, !customizer.isEmpty(), requires);
        Path out = Path.of(need(a, "out"));
        Instant time = Instant.parse(a.getOrDefault("time", "2026-11-22T00:00:00Z"));
        dp.write(out, time);
        if (!a.getOrDefault("keystore", "").isEmpty()) {
            try {
                Signer.of(a).sign(out, true);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot sign " + out + " with " + a.get("keystore") + ": " + e.getMessage(), e);
            }
        }
        System.out.printf("%s %s: %d bundles, %d requirements, %d bytes%n", dp.name(), dp.version(), bundles.size(),
                requires.size(), Files.size(out));
    }

    /** {@code 0.2.0-SNAPSHOT} and {@code 20261204170500} give {@code 0.2.0.20261204170500}; a release keeps its own. */
    static String osgiVersion(String maven, String qualifier) {
        String base = maven.endsWith("-SNAPSHOT") ? maven.substring(0, maven.length() - "-SNAPSHOT".length()) : maven;
        String[] parts = base.split("[.-]");
        if (parts.length > 4 || parts.length == 0) {
            throw new IllegalArgumentException("version '" + maven + "' is not major.minor.micro");
        }
        String v = String.join(".", List.of(parts).subList(0, Math.min(3, parts.length)));
        while (v.chars().filter(c -> c == '.').count() < 2) {
            v += ".0";
        }
        return v + "." + (parts.length == 4 ? parts[3] : qualifier);
    }

    /**
     * The requirement resource's name says what is needed, so DeploymentAdmin's own message
     * ("Error while processing resource '...'") speaks: {@code needs/dev.wren.feature.base/from-0.1-below-0.2}.
     * DeploymentAdmin accepts only letters, digits, '.', '_', '-' and '/' in a resource name.
     */
    static String resourceName(String name, String range) {
        String r = range.trim();
        String words;
        if (r.startsWith("[") || r.startsWith("(")) {
            String[] ends = r.substring(1, r.length() - 1).split(",");
            words = (r.startsWith("[") ? "from-" : "above-") + ends[0].trim()
                    + (r.endsWith(")") ? "-below-" : "-to-") + ends[1].trim();
        } else {
            words = "from-" + r;
        }
        String id = "needs/" + name + "/" + words;
        if (!id.matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("requirement " + name + "=" + range + " gives the resource name '" + id
                    + "', which DeploymentAdmin refuses");
        }
        return id;
    }

    private static List<Path> ordered(Path dir, String order) throws IOException {
        List<Path> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String id : order.split("[,\\s]+")) {
            if (!id.isBlank()) {
                Path jar = dir.resolve(id + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("order names " + id + ", which is not a dependency of the module");
                }
                out.add(jar);
                names.add(jar.getFileName().toString());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> extra = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .filter(n -> !names.contains(n)).sorted().toList();
            if (!extra.isEmpty()) {
                throw new IllegalArgumentException("dependencies without a place in the start order: " + extra);
            }
        }
        return out;
    }

    /** @return the {@code key=value} arguments by key, in their order */
    static Map<String, String> arguments(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, was '" + arg + "'");
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1).trim());
        }
        return a;
    }

    static String need(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }

    /** What goes in a package, and how it is written. */
    record DeploymentPackage(String name, String version, String description, List<Path> bundles,
            boolean firstIsCustomizer, List<String[]> requires) {

        void write(Path out, Instant time) throws IOException {
            Manifest mf = new Manifest();
            Attributes main = mf.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue("DeploymentPackage-SymbolicName", name);
            main.putValue("DeploymentPackage-Version", version);
            main.putValue("DeploymentPackage-Name", name);
            if (!description.isEmpty()) {
                main.putValue("DeploymentPackage-Description", description);
            }
            main.putValue("DeploymentPackage-Copyright", "EPL-2.0");
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < bundles.size(); i++) {
                Attributes b = bundleManifest(bundles.get(i));
                String bsn = b.getValue("Bundle-SymbolicName").split(";")[0].trim();
                String entry = "bundles/" + bsn + ".jar";
                Attributes section = new Attributes();
                section.putValue("Bundle-SymbolicName", bsn);
                section.putValue("Bundle-Version", b.getValue("Bundle-Version").trim());
                if (i == 0 && firstIsCustomizer) {
                    section.putValue("DeploymentPackage-Customizer", "true");
                }
                mf.getEntries().put(entry, section);
                entries.add(entry);
            }
            String processor = firstIsCustomizer
                    ? bundleManifest(bundles.get(0)).getValue("Bundle-SymbolicName").split(";")[0].trim() : null;
            List<String> resources = new ArrayList<>();
            for (String[] r : requires) {
                String entry = resourceName(r[0], r[1]);
                Attributes section = new Attributes();
                section.putValue("Resource-Processor", processor);
                mf.getEntries().put(entry, section);
                resources.add(entry);
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file)) {
                FileTime t = FileTime.from(time);
                ZipEntry m = new ZipEntry(JarFile.MANIFEST_NAME);
                m.setLastModifiedTime(t);
                jar.putNextEntry(m);
                mf.write(jar);
                jar.closeEntry();
                for (int i = 0; i < bundles.size(); i++) {
                    ZipEntry e = new ZipEntry(entries.get(i));
                    e.setLastModifiedTime(t);
                    jar.putNextEntry(e);
                    Files.copy(bundles.get(i), jar);
                    jar.closeEntry();
                }
                for (int i = 0; i < requires.size(); i++) {
                    ZipEntry e = new ZipEntry(resources.get(i));
                    e.setLastModifiedTime(t);
                    jar.putNextEntry(e);
                    jar.write((requires.get(i)[0] + "=" + requires.get(i)[1] + "\n").getBytes(StandardCharsets.UTF_8));
                    jar.closeEntry();
                }
            }
        }

        private static Attributes bundleManifest(Path jar) throws IOException {
            try (JarFile j = new JarFile(jar.toFile())) {
                Manifest m = j.getManifest();
                if (m == null || m.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                    throw new IllegalArgumentException(jar + " is not a bundle (no Bundle-SymbolicName)");
                }
                return m.getMainAttributes();
            }
        }
    }
}
