package dev.wren.itests.kura.installer;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Test only. Installs Wren on the Kura-like set the one way Kura allows: each deployment package
 * through DeploymentAdmin, in the order the framework property {@value #PACKAGES} lists them
 * (comma-separated names of {@code <name>.dp} files in the folder {@value #DIR}), synchronously in
 * {@link #start}. The bndrun lists this bundle after the platform and before the test bundles, all
 * at one start level, so Wren is installed and started before any test bundle resolves.
 * A package that fails to install is reported on standard error and left out; the Kura-only tests
 * then fail naming it.
 */
public final class Installer implements BundleActivator {

    /** Framework property: the folder holding the {@code .dp} files. */
    public static final String DIR = "wren.itests.dp.dir";
    /** Framework property: the packages to install, in order, comma-separated. */
    public static final String PACKAGES = "wren.itests.dp";

    private static final long WAIT_MS = 30_000;

    @Override
    public void start(BundleContext context) throws Exception {
        String dir = context.getProperty(DIR);
        String packages = context.getProperty(PACKAGES);
        if (dir == null || packages == null) {
            throw new BundleException("the framework properties " + DIR + " and " + PACKAGES + " must be set");
        }
        ServiceTracker<DeploymentAdmin, DeploymentAdmin> tracker = new ServiceTracker<>(context, DeploymentAdmin.class, null);
        tracker.open();
        try {
            DeploymentAdmin admin = tracker.waitForService(WAIT_MS);
            if (admin == null) {
                throw new BundleException("no DeploymentAdmin within " + WAIT_MS + " ms");
            }
            for (String name : packages.split(",")) {
                install(admin, Path.of(dir, name.trim() + ".dp"));
            }
        } finally {
            tracker.close();
        }
    }

    private static void install(DeploymentAdmin admin, Path file) {
        long t0 = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            DeploymentPackage dp = admin.installDeploymentPackage(in);
            System.err.printf("installed %s %s from %s in %d ms%n", dp.getName(), dp.getVersion(), file.getFileName(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            System.err.println("cannot install " + file + ": " + e);
            e.printStackTrace();
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
