package dev.wren.feature.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.feature.packager.Packages;

/**
 * What DeploymentAdmin 0.9.5 refuses, and that a refusal changes nothing: a feature package
 * before its base, a feature package beside a base of another minor line, a truncated package and
 * one that is not a package at all.
 */
class RefusalTest {

    @TempDir
    Path home;

    @Test
    void aFeaturePackageBeforeItsBaseIsRefusedByNameAndNothingIsLeftInstalled() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Map<String, String> bundles = kura.bundles();
            Exception e = assertThrows(Exception.class, () -> kura.install("dev.wren.feature.drivers"));
            assertEquals("org.osgi.service.deploymentadmin.DeploymentException", e.getClass().getName());
            assertEquals("Error while processing resource 'needs/dev.wren.feature.base/from-0.2-below-0.3'",
                    e.getMessage());
            assertEquals("dev.wren.feature.drivers needs dev.wren.feature.base [0.2.0,0.3.0), which is not installed:"
                    + " install dev.wren.feature.base first", cause(e));
            assertEquals(bundles, kura.bundles(), "bundles after the refusal");
            assertEquals(Map.of(), kura.packages());
        }
    }

    @Test
    void aFeaturePackageBesideABaseOfAnotherMinorLineIsRefusedWithTheInstalledVersionAndTheBaseRuns()
            throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Path base03 = Packages.rewrite(KuraSet.file("dev.wren.feature.base"), home.resolve("base-0.3.dp"),
                    "0.3.0.20270101000000", Map.of());
            kura.install(base03);
            Map<String, String> bundles = kura.bundles();
            Exception e = assertThrows(Exception.class, () -> kura.install("dev.wren.feature.power"));
            assertEquals("dev.wren.feature.power needs dev.wren.feature.base [0.2.0,0.3.0), dev.wren.feature.base"
                    + " 0.3.0.20270101000000 is installed", cause(e));
            assertEquals(bundles, kura.bundles(), "bundles after the refusal");
            assertEquals(Map.of("dev.wren.feature.base", "0.3.0.20270101000000"), kura.packages());
        }
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedAndTheInstalledPackagesRunOn() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            kura.install("dev.wren.feature.base");
            kura.install("dev.wren.feature.power");
            Map<String, String> bundles = kura.bundles();
            Map<String, String> packages = kura.packages();
            byte[] power = Files.readAllBytes(KuraSet.file("dev.wren.feature.power"));
            Path truncated = write("truncated.dp", java.util.Arrays.copyOf(power, power.length / 2));
            Exception cut = assertThrows(Exception.class, () -> kura.install(truncated));
            assertEquals("org.osgi.service.deploymentadmin.DeploymentException", cut.getClass().getName());
            Path text = write("not-a-package.dp", "not a deployment package".getBytes());
            Exception foreign = assertThrows(Exception.class, () -> kura.install(text));
            assertEquals("org.osgi.service.deploymentadmin.DeploymentException", foreign.getClass().getName());
            assertEquals(bundles, kura.bundles(), "bundles after the refusals");
            assertEquals(packages, kura.packages());
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(home.resolve(name), bytes);
    }

    /** The innermost message: DeploymentAdmin wraps the processor's refusal. */
    static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        assertTrue(t != e, "a cause under " + e);
        return t.getMessage();
    }
}
