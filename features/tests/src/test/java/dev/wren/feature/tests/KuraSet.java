package dev.wren.feature.tests;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A running Equinox 3.16 with Kura 5.4.1's platform bundles (target/platform) and nothing of
 * Wren: Wren arrives only as deployment packages (target/packages) installed through the real
 * DeploymentAdmin 0.9.5, which this class calls by reflection (its classes live in the framework).
 */
final class KuraSet implements AutoCloseable {

    /** This module's folder: the working directory of its tests, features/tests under the top folder for exec:java. */
    static final Path MODULE = Files.isDirectory(Path.of("target/platform")) ? Path.of("") : Path.of("features/tests");
    static final Path PLATFORM = MODULE.resolve("target/platform");
    static final Path PACKAGES = MODULE.resolve("target/packages");
    /** The standalone runtime's default configuration, used here as a Kura snapshot would be. */
    static final Path CONFIG = MODULE.toAbsolutePath().resolve("../../config").normalize();

    final Framework framework;
    final BundleContext context;
    final Path home;
    private final ServiceTracker<Object, Object> admin;

    KuraSet(Path home) throws Exception {
        this.home = home;
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, home.resolve("framework").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("wren.data.dir", home.resolve("data").toString());
        config.put("osgi.console", "");
        config.put("eclipse.log.level", "WARNING");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(config);
        framework.init();
        context = framework.getBundleContext();
        List<Bundle> platform = new ArrayList<>();
        try (Stream<Path> jars = Files.list(PLATFORM)) {
            for (Path jar : jars.sorted().toList()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    platform.add(context.installBundle("platform:" + jar.getFileName(), in));
                }
            }
        }
        framework.start();
        for (Bundle b : platform) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        admin = new ServiceTracker<>(context, "org.osgi.service.deploymentadmin.DeploymentAdmin", null);
        admin.open();
        if (admin.waitForService(20_000) == null) {
            throw new IllegalStateException("no DeploymentAdmin service in 20 s");
        }
    }

    /** @return the package file of an artifactId, as Maven copied it */
    static Path file(String artifactId) {
        return PACKAGES.resolve(artifactId + ".dp");
    }

    /** Installs or updates a package through DeploymentAdmin; its DeploymentException is rethrown as is. */
    Object install(Path dp) throws Exception {
        try (InputStream in = Files.newInputStream(dp)) {
            return call(admin.getService(), "installDeploymentPackage", new Class<?>[] {InputStream.class}, in);
        }
    }

    Object install(String artifactId) throws Exception {
        return install(file(artifactId));
    }

    /** @return installed package names and versions, as DeploymentAdmin lists them */
    Map<String, String> packages() throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Object p : (Object[]) call(admin.getService(), "listDeploymentPackages", new Class<?>[0])) {
            out.put((String) call(p, "getName", new Class<?>[0]), call(p, "getVersion", new Class<?>[0]).toString());
        }
        return out;
    }

    void uninstall(String name) throws Exception {
        Object p = call(admin.getService(), "getDeploymentPackage", new Class<?>[] {String.class}, name);
        call(p, "uninstall", new Class<?>[0]);
    }

    /**
     * Applies configuration files of the standalone runtime's config/ folder through Config Admin,
     * as Kura applies its snapshot: {@code <pid>.cfg} or {@code <factoryPid>-<name>.cfg}, string
     * values; {@code overrides} replace values by key.
     */
    void configure(String file, Map<String, String> overrides) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(CONFIG.resolve(file + ".cfg"))) {
            p.load(in);
        }
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).trim()));
        props.putAll(overrides);
        ServiceTracker<Object, Object> cm = new ServiceTracker<>(context, "org.osgi.service.cm.ConfigurationAdmin", null);
        cm.open();
        try {
            Object admin = cm.waitForService(20_000);
            int dash = file.indexOf('-');
            Object c = dash > 0
                    ? call(admin, "getFactoryConfiguration", new Class<?>[] {String.class, String.class, String.class},
                            file.substring(0, dash), file.substring(dash + 1), "?")
                    : call(admin, "getConfiguration", new Class<?>[] {String.class, String.class}, file, "?");
            call(c, "update", new Class<?>[] {java.util.Dictionary.class}, props);
        } finally {
            cm.close();
        }
    }

    /** @return every bundle but the framework's: symbolic name to "version state id" */
    Map<String, String> bundles() {
        Map<String, String> out = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                out.put(b.getSymbolicName(), b.getVersion() + " " + state(b) + " " + b.getBundleId());
            }
        }
        return out;
    }

    Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    /** Invokes a public method of an object that lives in the framework. */
    static Object call(Object target, String method, Class<?>[] types, Object... args) throws Exception {
        Method m = find(target.getClass(), method, types);
        m.setAccessible(true);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    private static Method find(Class<?> c, String name, Class<?>[] types) throws NoSuchMethodException {
        for (Class<?> i : c.getInterfaces()) {
            try {
                return i.getMethod(name, types);
            } catch (NoSuchMethodException e) {
                // next
            }
        }
        return c.getMethod(name, types);
    }

    /** Waits for a condition, polling every 20 ms, up to {@code seconds}. */
    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws BundleException, InterruptedException, IOException {
        admin.close();
        framework.stop();
        framework.waitForStop(30_000);
    }
}
