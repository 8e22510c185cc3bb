package dev.wren.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * Makes the framework storage fit the shipped bundles before bnd's launcher installs them, so
 * that what an operator did to the bundles never stops the next start. The launcher installs each
 * shipped jar at its own location ({@code jar/<file>}) unless a bundle is already there, and
 * fails the whole start if the framework refuses one. Checked, in this order:
 * <ol>
 * <li>a bundle at a {@code jar/} location the shipped set no longer names (left by an earlier
 * {@code wren.jar}) is uninstalled: it would run beside its successor;</li>
 * <li>a bundle installed from elsewhere (the web console, the shell) with the symbolic name and
 * version of a shipped jar is uninstalled: the framework would refuse the shipped one ("Bundle
 * symbolic name and version are not unique") and the start would fail. This is the operator
 * having uninstalled a shipped bundle and installed the same jar again from another location;</li>
 * <li>a shipped bundle missing from the storage (uninstalled by the operator, or removed by the
 * framework because its archive was damaged) is reported; the launcher installs it again.</li>
 * </ol>
 * Other bundles the operator installed are kept and start as they were. Each repair is logged at
 * WARN with what was found and what was done.
 */
final class StorageCheck {

    /** A bundle's symbolic name (without directives) and version. */
    record Identity(String symbolicName, Version version) {

        static Identity of(Manifest m) {
            String bsn = m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null) {
                return null;
            }
            String v = m.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return new Identity(bsn.split(";", 2)[0].trim(), Version.parseVersion(v == null ? "0" : v.trim()));
        }

        static Identity of(Bundle b) {
            return b.getSymbolicName() == null ? null : new Identity(b.getSymbolicName(), b.getVersion());
        }

        @Override
        public String toString() {
            return symbolicName + " " + version;
        }
    }

    /** Location prefix of the bundles bnd's launcher installs from inside {@code wren.jar}. */
    static final String SHIPPED = "jar/";

    private final BundleContext context;
    private final List<String> shipped;
    private final Function<String, Identity> identityOf;
    private final LaunchLog log;

    /**
     * @param shipped the launcher's bundle locations ({@code launch.bundles})
     * @param identityOf the identity of a shipped jar, from its manifest; null if unreadable
     */
    StorageCheck(BundleContext context, List<String> shipped, Function<String, Identity> identityOf, LaunchLog log) {
        this.context = context;
        this.shipped = shipped;
        this.identityOf = identityOf;
        this.log = log;
    }

    /** @return the number of repairs made (0: the storage was consistent, or empty at a first start) */
    int run() {
        List<Bundle> installed = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                installed.add(b);
            }
        }
        if (installed.isEmpty()) {
            return 0;
        }
        Set<String> wanted = new LinkedHashSet<>(shipped);
        Set<String> present = new LinkedHashSet<>();
        List<Bundle> others = new ArrayList<>();
        int repairs = 0;
        for (Bundle b : installed) {
            String location = b.getLocation();
            if (wanted.contains(location)) {
                present.add(location);
            } else if (location.startsWith(SHIPPED)) {
                repairs += uninstall(b, "is left from an earlier wren.jar (its location " + location
                        + " is not shipped any more)", "");
            } else {
                others.add(b);
            }
        }
        if (!others.isEmpty()) {
            Map<Identity, String> identities = new HashMap<>();
            for (String location : shipped) {
                Identity id = identityOf.apply(location);
                if (id != null) {
                    identities.put(id, location);
                }
            }
            for (Bundle b : others) {
                String clash = identities.get(Identity.of(b));
                if (clash != null) {
                    repairs += uninstall(b, "installed from " + b.getLocation() + " has the symbolic name and version of "
                            + "the shipped " + clash + " (the framework would refuse that one as not unique and the "
                            + "start would fail)", ", the shipped copy is installed instead");
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            repairs += missing.size();
            log.warn("Framework storage: " + missing.size() + " shipped bundles missing (uninstalled, or damaged and "
                    + "removed by the framework), installed again: " + String.join(", ", missing));
        }
        return repairs;
    }

    private int uninstall(Bundle b, String why, String then) {
        String name = Identity.of(b) + " (bundle " + b.getBundleId() + ")";
        try {
            b.uninstall();
            log.warn("Framework storage: " + name + " " + why + ": uninstalled" + then);
            return 1;
        } catch (BundleException | RuntimeException e) {
            log.error("Framework storage: " + name + " " + why + ": could not uninstall it: " + e);
            return 0;
        }
    }

    /** The identity of a shipped jar, read from the launcher's class path; null if unreadable. */
    static Identity shippedIdentity(ClassLoader loader, String location) {
        URL url = loader.getResource(location);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream(); JarInputStream jar = new JarInputStream(in, false)) {
            Manifest m = jar.getManifest();
            return m == null ? null : Identity.of(m);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
