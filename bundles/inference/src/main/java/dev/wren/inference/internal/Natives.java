package dev.wren.inference.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.log.Logger;

import ai.onnxruntime.OrtEnvironment;

/**
 * ONNX Runtime's native libraries extracted once per ONNX Runtime bundle into this bundle's
 * persistent data area (inside the framework storage: {@code $WREN_CACHE/framework} on the
 * standalone runtime, Kura's framework storage inside Kura), and ORT pointed at them through its
 * property {@value #PROPERTY} before its first use. Left to itself, ORT copies its 25-28 MB library
 * into {@code java.io.tmpdir} at every start: RAM for as long as the gateway runs where /tmp is a
 * tmpfs, 28 MB written to an SD card per start, and a copy left behind by every SIGKILL.
 * <p>
 * The libraries go into {@code onnxruntime/<key>.part} and the directory is renamed to
 * {@code onnxruntime/<key>} once both are written, so a directory under its final name is always
 * whole; the key names the ORT bundle's version, its install time and the platform. Directories of
 * other keys (an earlier ORT, a crash in mid-extraction) are removed. When {@value #PROPERTY} is
 * already set (by the operator), ORT loads from there and nothing is extracted.
 */
final class Natives {

    /** ORT's own property: the directory it loads {@code libonnxruntime.so} and its JNI library from. */
    static final String PROPERTY = "onnxruntime.native.path";

    private static final String[] LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};

    private Natives() {
    }

    /** The environment, once the libraries are in place; a failure to place them leaves ORT its default. */
    static synchronized OrtEnvironment environment(BundleContext context, Logger log) {
        Bundle ort = FrameworkUtil.getBundle(OrtEnvironment.class);
        String platform = platform();
        java.io.File area = context.getDataFile("onnxruntime");
        if (System.getProperty(PROPERTY) == null && ort != null && platform != null && area != null) {
            Path root = area.toPath();
            try {
                long started = System.nanoTime();
                Path dir = root.resolve(key(ort, platform));
                if (!Files.isDirectory(dir)) {
                    extract(ort, platform, dir);
                    log.info("ONNX Runtime's native libraries extracted once to {} in {} ms", dir,
                            (System.nanoTime() - started) / 1_000_000);
                }
                removeOthers(root, dir);
                System.setProperty(PROPERTY, dir.toString());
            } catch (IOException | RuntimeException e) {
                log.warn("ONNX Runtime's native libraries could not be kept in {} ({}): ORT copies them to {} at"
                        + " each start", root, e.toString(), System.getProperty("java.io.tmpdir"));
            }
        }
        return OrtEnvironment.getEnvironment();
    }

    /** The directory name for this ORT bundle's libraries on this platform. */
    private static String key(Bundle ort, String platform) {
        return ort.getVersion() + "-" + ort.getLastModified() + "-" + platform;
    }

    /** Writes the libraries into {@code dir}.part, then renames it to {@code dir}. */
    private static void extract(Bundle ort, String platform, Path dir) throws IOException {
        Path part = dir.resolveSibling(dir.getFileName() + ".part");
        delete(part);
        Files.createDirectories(part);
        for (String lib : LIBRARIES) {
            String name = System.mapLibraryName(lib);
            URL entry = ort.getEntry("ai/onnxruntime/native/" + platform + "/" + name);
            if (entry == null) {
                throw new IOException("bundle " + ort.getSymbolicName() + " " + ort.getVersion() + " holds no "
                        + platform + "/" + name);
            }
            try (InputStream in = entry.openStream()) {
                Files.copy(in, part.resolve(name));
            }
        }
        Files.move(part, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /** ORT's name for this platform's natives directory, or null where the bundle holds none. */
    static String platform() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-aarch64";
            default -> null;
        };
    }

    private static void removeOthers(Path root, Path keep) throws IOException {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root)) {
            for (Path p : all) {
                if (!p.equals(keep)) {
                    delete(p);
                }
            }
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
