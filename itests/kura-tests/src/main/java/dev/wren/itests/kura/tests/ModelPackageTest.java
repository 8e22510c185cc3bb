package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.feature.packager.Packages;

/**
 * A new model version arrives as its own package beside the serving one: it runs as the canary and
 * serves once it agrees; its package uninstalled, the previous version serves again. No application
 * bundle is stopped or replaced meanwhile. The pipeline runs on the gateway the shared tests configure
 * (the simulated MPU6050 of the demo package).
 */
class ModelPackageTest extends KuraTestBase {

    static final String MODEL = "vibration-trigger";
    static final String MODELS = "dev.wren.inference.Models";

    @InjectService(timeout = 20_000)
    DeploymentAdmin deploymentAdmin;

    @TempDir
    Path dir;

    @Test
    void aModelPackageServesThroughTheCanaryAndUninstallsWithoutTouchingAnApplicationBundle() throws Exception {
        Object windows = cm.getConfiguration(MODELS, "?").getProperties().get("canary.windows");
        kura.updateConfiguration(MODELS, Map.of("canary.windows", 10));
        Set<String> stopped = ConcurrentHashMap.newKeySet();
        BundleListener watch = e -> {
            if (e.getType() == BundleEvent.STOPPED && !e.getBundle().getSymbolicName().startsWith("dev.wren.model.")) {
                stopped.add(e.getBundle().getSymbolicName());
            }
        };
        try {
            await(MODEL + " 1.0.0 serving", Duration.ofSeconds(60), () -> serving("1.0.0"), () -> command(context, "models"));
            var apps = applicationBundles();
            context.addBundleListener(watch);
            Path next = Packages.otherModelVersion(packageFile("dev.wren.model." + MODEL + "-1.0.0"), dir, MODEL, "1.1.0");
            DeploymentPackage installed = install(deploymentAdmin, next);
            await(MODEL + " 1.1.0 serving after its canary trial", Duration.ofSeconds(120), () -> serving("1.1.0"),
                    () -> command(context, "models") + "; " + command(context, "pipeline"));
            installed.uninstall();
            await(MODEL + " 1.0.0 serving again", () -> serving("1.0.0"), () -> command(context, "models"));
            assertEquals(Set.of(), stopped, "application bundles stopped");
            assertEquals(apps, applicationBundles(), "application bundles: id to last modified");
        } finally {
            context.removeBundleListener(watch);
            kura.updateConfiguration(MODELS, Map.of("canary.windows", windows != null ? windows : 50));
        }
    }

    private boolean serving(String version) {
        try {
            return context.getServiceReferences("dev.wren.inference.Model", "(&(wren.model.name=" + MODEL
                    + ")(wren.model.serving=true)(wren.model.version=" + version + "))") != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
