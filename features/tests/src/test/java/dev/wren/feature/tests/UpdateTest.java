package dev.wren.feature.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import dev.wren.feature.packager.Packages;

/**
 * A package update through DeploymentAdmin 0.9.5 in a fresh framework. (Updating packages while the
 * gateway samples, replacing their bundles in place, is tested on the Kura set: itests/kura-tests.)
 */
class UpdateTest {

    @TempDir
    Path home;

    /**
     * Why every build qualifies its bundles with the build time: DeploymentAdmin 0.9.5 leaves a
     * bundle whose version did not change as it is, even when the package's version rose.
     */
    @Test
    void aPackageUpdateLeavesABundleWhoseVersionDidNotChange() throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            kura.install("dev.wren.feature.base");
            kura.install("dev.wren.feature.power");
            Bundle power = kura.bundle("dev.wren.power");
            long modified = power.getLastModified();
            String version = Packages.nextBuild(Packages.read(KuraSet.file("dev.wren.feature.power")).version());
            kura.install(Packages.rewrite(KuraSet.file("dev.wren.feature.power"), home.resolve("power-same.dp"),
                    version, Map.of()));
            assertEquals(version, kura.packages().get("dev.wren.feature.power"));
            assertEquals(modified, kura.bundle("dev.wren.power").getLastModified(), "dev.wren.power not replaced");
        }
    }
}
