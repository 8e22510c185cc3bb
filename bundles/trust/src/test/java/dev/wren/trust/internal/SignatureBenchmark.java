package dev.wren.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.wren.trust.Verdict;

/**
 * Signature checking time per package: {@link JarCheck} on the build's signed model bundles and
 * deployment packages, against reading every entry of the same file without verification (the
 * baseline: what opening the package costs anyway), alternating, in one run. Prints the medians and
 * their ratio per file.
 *
 * <p>System properties: {@code wren.home} (the repository root, after {@code ./wren build}),
 * {@code runs} (default 21).
 */
public final class SignatureBenchmark {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("wren.home", "../.."));
        int runs = Integer.getInteger("runs", 21);
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(home.resolve("features/packager/dev-key/wren-dev.pem"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Anchors anchors = new Anchors(List.of(cert), Set.of(), true);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(home.resolve("features"), 3)) {
            s.filter(p -> p.toString().endsWith(".dp") && p.getParent().endsWith("target")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.walk(home.resolve("bundles/models"), 3)) {
            s.filter(p -> p.getFileName().toString().matches("dev\\.wren\\.model\\..*\\.jar") && p.getParent().endsWith("target"))
                    .sorted().forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no signed package under " + home + ": run ./wren build first");
        }
        System.out.printf(Locale.ROOT, "%d runs per file, alternating, java %s%n%n", runs, System.getProperty("java.version"));
        System.out.println("| file | size (KB) | verdict | signature check, median (ms) | read without check, median (ms) | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        for (Path f : files) {
            double[] check = new double[runs];
            double[] read = new double[runs];
            Verdict v = null;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                v = JarCheck.check(f, anchors, Instant.now());
                check[i] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                readAll(f);
                read[i] = (System.nanoTime() - t0) / 1e6;
            }
            double c = median(check);
            double r = median(read);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %.2f |%n", f.getFileName(), Files.size(f) / 1024,
                    v.status(), c, r, c / r);
        }
    }

    private static void readAll(Path f) throws IOException {
        byte[] buffer = new byte[8192];
        try (ZipFile zip = new ZipFile(f.toFile())) {
            for (var e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // read to the end, as the check does
                    }
                }
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private SignatureBenchmark() {
    }
}
