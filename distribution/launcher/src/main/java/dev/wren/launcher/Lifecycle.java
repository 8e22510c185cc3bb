package dev.wren.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * bnd's launcher starts this activator (named by the {@code Embedded-Activator} header of this
 * jar on {@code -runpath}) with the system bundle's context once the framework is initialised
 * from its storage and before it installs the shipped bundles ({@link #IMMEDIATE}). It
 * <ol>
 * <li>takes the data directory ({@link DataLock}): when another gateway holds it, it logs who and halts
 * the JVM with status {@value #IN_USE} before anything else is touched;</li>
 * <li>settles the web console's listener ({@link ConsoleListener}): HTTP or HTTPS, host and port, the
 * certificate; a port in use or a keystore that does not open logs ERROR and halts the JVM with status
 * {@value #NO_CONSOLE}, before the web server could fail to bind and leave a gateway without console;</li>
 * <li>registers {@link OrderlyStop}, so SIGTERM stops the framework in order ({@link StopSignal}: before
 * the JVM's shutdown hooks, ONNX Runtime's among them, start), as does any other exit;</li>
 * <li>moves Config Admin's files out of the framework storage ({@link ConfigHome}), and removes
 * the storage an earlier launcher kept in the data directory ({@code <data>/framework}) once the
 * cache lives elsewhere;</li>
 * <li>repairs the storage against the shipped bundles ({@link StorageCheck}).</li>
 * </ol>
 * A configuration that cannot be moved fails the start (ERROR): starting without it would look
 * like a gateway that lost its settings.
 */
public final class Lifecycle implements BundleActivator {

    /** The launcher's phase for this activator: before the shipped bundles are installed. */
    public static final String IMMEDIATE = "AFTER_FRAMEWORK_INIT";

    static final String LOG_LEVEL = "org.osgi.service.log.admin.loglevel";
    static final String DATA_DIR = "wren.data.dir";
    static final String SHIPPED_BUNDLES = "launch.bundles";
    /** The exit status of a start refused because another gateway holds the data directory. */
    static final int IN_USE = 75;
    /** The exit status of a start refused because the web console could not listen ({@link ConsoleListener}). */
    static final int NO_CONSOLE = 69;

    @Override
    public void start(BundleContext context) throws Exception {
        LaunchLog log = new LaunchLog(context.getProperty(LOG_LEVEL), System.out);
        String data = context.getProperty(DATA_DIR);
        if (data != null) {
            Path dir = Path.of(data).toAbsolutePath().normalize();
            String holder = DataLock.acquire(dir);
            if (holder != null) {
                log.error("Data directory " + dir + " is in use by another gateway (" + holder + "): not starting a "
                        + "second one on it. Stop that one first, or give this one its own data directory (WREN_DATA)");
                // halt, not exit: no shutdown hook may stop (and so write) the framework storage the other one uses
                Runtime.getRuntime().halt(IN_USE);
            }
        }
        try {
            ConsoleListener.Plan console = ConsoleListener.settle(context::getProperty,
                    Path.of(data == null ? "data" : data).toAbsolutePath().normalize());
            console.properties().forEach(System::setProperty);
            if (console.generated()) {
                log.info("Generated the web console's certificate " + console.certificate() + " (SHA-256 "
                        + console.fingerprint() + ")");
            }
        } catch (ConsoleListener.Refused e) {
            log.error(e.getMessage());
            // nothing is started yet: no shutdown hook has anything to stop
            Runtime.getRuntime().halt(NO_CONSOLE);
        }
        OrderlyStop stop = new OrderlyStop((Framework) context.getBundle(0), log);
        Runtime.getRuntime().addShutdownHook(stop);
        StopSignal.install(stop, log);
        Path storage = Path.of(context.getProperty(Constants.FRAMEWORK_STORAGE)).toAbsolutePath().normalize();
        String cm = context.getProperty(ConfigHome.CM_DIR);
        Path legacy = data == null ? null : Path.of(data, "framework").toAbsolutePath().normalize();
        boolean legacyElsewhere = legacy != null && !legacy.equals(storage) && Files.isDirectory(legacy);
        if (cm != null && !cm.isBlank()) {
            List<Path> sources = new ArrayList<>(List.of(storage));
            if (legacyElsewhere) {
                sources.add(legacy);
            }
            try {
                ConfigHome.migrate(Path.of(cm), sources).ifPresent(log::info);
            } catch (IOException e) {
                log.error("Configuration could not be moved to " + cm + ": " + e + "; not starting without it");
                throw e;
            }
            if (legacyElsewhere) {
                long bytes = size(legacy);
                ConfigHome.delete(legacy);
                log.info("Removed the framework storage kept in the data directory (" + legacy + ", "
                        + bytes / (1024 * 1024) + " MiB): the bundle cache is " + storage);
            }
        }
        ClassLoader loader = Lifecycle.class.getClassLoader();
        int repairs = new StorageCheck(context, shipped(context.getProperty(SHIPPED_BUNDLES)),
                location -> StorageCheck.shippedIdentity(loader, location), log).run();
        if (repairs > 0) {
            log.warn("Framework storage " + storage + " was inconsistent: " + repairs + " repairs, starting with the "
                    + "shipped bundles; configuration kept" + (cm == null ? "" : " in " + cm));
        }
    }

    @Override
    public void stop(BundleContext context) {
        // the shutdown hook finds the framework stopped and does nothing
    }

    static List<String> shipped(String property) {
        List<String> out = new ArrayList<>();
        if (property != null) {
            for (String s : property.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
