package dev.wren.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.framework.Bundle;

/**
 * An installed bundle's content as a jar file again, entry for entry and byte for byte, so that its
 * signature can be checked whatever the framework kept of the original file (Felix and Equinox keep
 * their own copies, and a bundle installed by Deployment Admin has no file location).
 */
final class BundleJar {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private BundleJar() {
    }

    /** Writes the bundle's entries, the manifest first as in a jar, into {@code out}. */
    static void write(Bundle bundle, Path out) throws IOException {
        List<String> paths = new ArrayList<>();
        collect(bundle, "/", paths);
        paths.remove(MANIFEST);
        if (bundle.getEntry(MANIFEST) != null) {
            paths.add(0, MANIFEST);
        }
        try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String p : paths) {
                URL url = bundle.getEntry(p);
                if (url == null) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(p));
                try (InputStream in = url.openStream()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static void collect(Bundle bundle, String dir, List<String> out) {
        Enumeration<String> e = bundle.getEntryPaths(dir);
        if (e == null) {
            return;
        }
        while (e.hasMoreElements()) {
            String p = e.nextElement();
            if (p.endsWith("/")) {
                collect(bundle, p, out);
            } else {
                out.add(p);
            }
        }
    }
}
