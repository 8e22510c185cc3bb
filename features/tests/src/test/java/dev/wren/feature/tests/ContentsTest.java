package dev.wren.feature.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;

import org.junit.jupiter.api.Test;

import dev.wren.feature.packager.Packages;

/**
 * What each built package holds, read as DeploymentAdmin reads it: the manifest first, then the
 * bundles, then the resources; every section names its bundle as the bundle's own manifest does;
 * no bundle name in two packages; nothing that only the standalone runtime wants.
 */
class ContentsTest {

    /** Bundles that belong to the standalone runtime or to Kura itself, never to a package. */
    static final List<String> NEVER = List.of("dev.wren.kura.compat", "dev.wren.guard", "dev.wren.logging",
            "dev.wren.standalone", "org.eclipse.paho", "org.apache.felix", "org.eclipse.osgi", "org.eclipse.equinox",
            "slf4j", "org.osgi");

    @Test
    void everySectionNamesItsBundleAsTheBundleDoesAndBundlesComeBeforeResources() throws IOException {
        for (String name : Wren.all()) {
            Packages.Dp dp = Packages.read(KuraSet.file(name));
            assertEquals(name, dp.name(), "package name = artifactId");
            assertTrue(dp.version().matches("\\d+\\.\\d+\\.\\d+\\.\\d{14}"), name + " " + dp.version()
                    + ": major.minor.micro.<build time>");
            List<String> entries = new ArrayList<>(dp.entries().keySet());
            assertEquals(dp.sections().keySet(), new java.util.HashSet<>(entries), name + ": sections = entries");
            List<String> bundles = dp.bundleEntries();
            assertEquals(bundles, entries.subList(0, bundles.size()), name + ": bundles first, then resources");
            for (String entry : bundles) {
                Attributes section = dp.sections().get(entry);
                Attributes own = dp.bundleManifest(entry);
                assertEquals(own.getValue("Bundle-SymbolicName").split(";")[0].trim(),
                        section.getValue("Bundle-SymbolicName"), name + " " + entry);
                assertEquals(own.getValue("Bundle-Version").trim(), section.getValue("Bundle-Version"), name + " " + entry);
            }
        }
    }

    /**
     * Signed by the build's key, every entry, and the signature files after every bundle and resource
     * (Felix Deployment Admin 0.9.x ends the stream at the first entry its manifest does not describe).
     */
    @Test
    void everyPackageIsSignedInEveryEntryWithTheSignatureLast() throws IOException {
        for (String name : Wren.all()) {
            Packages.Dp dp = Packages.read(KuraSet.file(name));
            assertEquals(List.of("META-INF/WREN.SF", "META-INF/WREN.EC"), dp.signature(), name + ": signature files");
            List<String> order = new ArrayList<>();
            try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(
                    java.nio.file.Files.newInputStream(KuraSet.file(name)))) {
                for (java.util.jar.JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    order.add(e.getName());
                }
            }
            assertEquals(dp.signature(), order.subList(order.size() - 2, order.size()), name + ": signature last");
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(KuraSet.file(name).toFile(), true)) {
                for (String entry : dp.entries().keySet()) {
                    java.util.jar.JarEntry e = jar.getJarEntry(entry);
                    try (var in = jar.getInputStream(e)) {
                        in.readAllBytes();
                    }
                    assertTrue(e.getCodeSigners() != null && e.getCodeSigners().length == 1, name + " " + entry + " signed");
                }
            }
        }
    }

    @Test
    void noBundleNameIsInTwoPackagesAndNoneBelongsToTheStandaloneRuntimeOrToKura() throws IOException {
        Map<String, String> owner = new HashMap<>();
        for (String name : Wren.all()) {
            Packages.Dp dp = Packages.read(KuraSet.file(name));
            for (String entry : dp.bundleEntries()) {
                String bsn = dp.sections().get(entry).getValue("Bundle-SymbolicName");
                String before = owner.put(bsn, name);
                assertEquals(null, before, bsn + " in " + before + " and " + name);
                for (String never : NEVER) {
                    assertTrue(!bsn.startsWith(never), bsn + " in " + name);
                }
            }
        }
    }

    @Test
    void theBaseStartsTheConfigurationGuardFirstAndEveryFeatureChecksForTheBaseItWasBuiltWith() throws IOException {
        Packages.Dp base = Packages.read(KuraSet.file("dev.wren.feature.base"));
        assertEquals("dev.wren.config", base.sections().get(base.bundleEntries().get(0)).getValue("Bundle-SymbolicName"));
        org.osgi.framework.Version baseVersion = org.osgi.framework.Version.parseVersion(base.version());
        for (String name : Wren.FEATURES.subList(1, Wren.FEATURES.size())) {
            Packages.Dp dp = Packages.read(KuraSet.file(name));
            Attributes customizer = dp.sections().get(dp.bundleEntries().get(0));
            assertEquals(name, customizer.getValue("Bundle-SymbolicName"), name + ": its check first");
            assertEquals("true", customizer.getValue("DeploymentPackage-Customizer"), name);
            String resource = "needs/dev.wren.feature.base/from-0.2-below-0.3";
            assertNotNull(dp.entries().get(resource), name + " " + dp.entries().keySet());
            assertEquals(name, dp.sections().get(resource).getValue("Resource-Processor"), name);
            String requirement = new String(dp.entries().get(resource), java.nio.charset.StandardCharsets.UTF_8).trim();
            assertEquals("dev.wren.feature.base=[0.2,0.3)", requirement, name);
            assertTrue(new org.osgi.framework.VersionRange("[0.2,0.3)").includes(baseVersion),
                    "the base built beside " + name + " satisfies it: " + baseVersion);
        }
    }

    @Test
    void eachModelPackageHoldsOneVersionOfOneModelNamedAfterIt() throws IOException {
        for (String name : Wren.MODELS) {
            Packages.Dp dp = Packages.read(KuraSet.file(name));
            assertEquals(1, dp.bundleEntries().size(), name);
            Attributes own = dp.bundleManifest(dp.bundleEntries().get(0));
            assertEquals(name, own.getValue("Bundle-SymbolicName"));
            String version = name.substring(name.lastIndexOf('-') + 1);
            String model = name.substring("dev.wren.model.".length(), name.lastIndexOf('-'));
            String capability = own.getValue("Provide-Capability");
            assertTrue(capability.startsWith("wren.model;") && capability.contains("name=" + model + ";")
                    && capability.contains("version:Version=\"" + version + "\""), capability);
            assertTrue(dp.version().startsWith(version + "."), dp.version());
            assertEquals(null, own.getValue("Import-Package"), name + ": data only");
        }
    }
}
