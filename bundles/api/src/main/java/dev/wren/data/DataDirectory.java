package dev.wren.data;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;

/**
 * The gateway's data directory: the one rule, in this order.
 * <ol>
 * <li>The framework (or system) property {@value #PROPERTY}, when set and not blank: the standalone
 * launcher always sets it ({@code WREN_DATA}); an operator may set it on any host. A relative value is
 * taken against the working directory, as the operator wrote it.</li>
 * <li>Inside Eclipse Kura: {@code <Kura's data directory>/}{@value #KURA_SUBDIRECTORY}. Kura's data
 * directory is the property {@value #KURA_DATA} when set (Kura's SystemService lets a {@code -Dkura.data}
 * override its {@code kura.properties}), else {@code <}{@value #KURA_HOME}{@code >/data}: Kura's start
 * scripts set {@code -Dkura.home} to the installation directory and its {@code kura.properties}
 * declares {@code kura.data} as {@code data} under it ({@code /opt/eclipse/kura/data} on a default
 * install).</li>
 * <li>Elsewhere: the calling bundle's persistent data area ({@link BundleContext#getDataFile}), so each
 * bundle keeps its files in its own area of the framework storage.</li>
 * </ol>
 * Never the working directory by default: inside Kura that is Kura's installation directory. The
 * directory is not created here; callers create what they write. Thread-safe, no state.
 */
public final class DataDirectory {

    /** Framework property naming Wren's data directory explicitly. */
    public static final String PROPERTY = "wren.data.dir";

    /** Kura's data directory, when given as a framework or system property. */
    public static final String KURA_DATA = "kura.data";

    /** Kura's installation directory, which Kura's start scripts always set. */
    public static final String KURA_HOME = "kura.home";

    /** Wren's directory inside Kura's data directory. */
    public static final String KURA_SUBDIRECTORY = "wren";

    private DataDirectory() {
    }

    /**
     * @param context the calling bundle's context: its properties, and its data area for the last rule
     * @return the data directory, absolute and normalised
     * @throws IllegalStateException when no rule applies: no property set and a framework without
     *         file system support for bundles; the message names {@value #PROPERTY}
     */
    public static Path of(BundleContext context) {
        return resolve(context::getProperty, () -> {
            File area = context.getDataFile("");
            return area == null ? null : area.toPath();
        });
    }

    /**
     * The rule itself, over any source of properties.
     *
     * @param properties the framework's properties (null for an unset one)
     * @param bundleArea the bundle's persistent data area, or null when the framework has none
     * @return the data directory, absolute and normalised
     * @throws IllegalStateException when no rule applies, naming {@value #PROPERTY}
     */
    public static Path resolve(Function<String, String> properties, Supplier<Path> bundleArea) {
        String explicit = properties.apply(PROPERTY);
        if (isSet(explicit)) {
            return absolute(Path.of(explicit.trim()));
        }
        String kuraData = properties.apply(KURA_DATA);
        if (isSet(kuraData)) {
            return absolute(Path.of(kuraData.trim()).resolve(KURA_SUBDIRECTORY));
        }
        String kuraHome = properties.apply(KURA_HOME);
        if (isSet(kuraHome)) {
            return absolute(Path.of(kuraHome.trim()).resolve("data").resolve(KURA_SUBDIRECTORY));
        }
        Path area = bundleArea.get();
        if (area == null) {
            throw new IllegalStateException("No data directory: " + PROPERTY + " is not set, this is not Kura ("
                    + KURA_DATA + " and " + KURA_HOME + " are not set) and the framework gives bundles no storage;"
                    + " set the framework property " + PROPERTY);
        }
        return absolute(area);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
