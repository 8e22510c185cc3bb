package dev.wren.feature.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.ServiceReference;

import dev.wren.feature.packager.Packages;

/**
 * Figures of the deployment packages on Kura 5.4.1's platform (Equinox 3.16, DeploymentAdmin 0.9.5),
 * each run in a fresh framework: the size of each package; the time to install all of them in
 * order; the time from installing a new model version's package to it being loaded beside the
 * serving one and to it serving after its canary trial (10 windows); and, for each feature
 * package updated in place while the gateway's health sensor is read every 50 ms, the update's
 * duration, the sampling slots missed (a gap of n periods between two deliveries misses n-1),
 * beside the same count over a quiet stretch of the same length in the same run, and the readings
 * lost: reads the sampler made that never reached the sink (see {@link Readings}). (An update of the
 * base package replaces dev.wren.api, so every Wren bundle is refreshed: not measured here.)
 * <pre>
 * ORT_DISABLE_TELEMETRY=1 mvn -q -pl features/tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.wren.feature.tests.PackageBenchmark -Druns=5
 * </pre>
 */
public final class PackageBenchmark {

    static final String MODEL = "vibration-trigger";

    static final List<String> UPDATED = List.of("dev.wren.feature.power", "dev.wren.feature.inference",
            "dev.wren.feature.gossip", "dev.wren.feature.store-and-forward", "dev.wren.feature.demo",
            "dev.wren.feature.drivers");

    private PackageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        System.out.println("package sizes (bytes):");
        for (String p : Wren.all()) {
            System.out.printf("  %-48s %,12d%n", p, Files.size(KuraSet.file(p)));
        }
        Map<String, List<double[]>> updates = new HashMap<>();
        List<double[]> installs = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path home = Files.createTempDirectory("wren-dp-bench");
            try (KuraSet kura = new KuraSet(home)) {
                Wren.configure(kura);
                long t0 = System.nanoTime();
                for (String p : Wren.all()) {
                    kura.install(p);
                }
                double installMs = (System.nanoTime() - t0) / 1e6;
                int notActive = InstallTest.notActive(kura).size();

                kura.configure("dev.wren.inference.Models", Map.of("canary.windows", "10"));
                KuraSet.await("1.0.0 serving", 60, () -> serving(kura, "1.0.0"));
                Path model = Packages.otherModelVersion(KuraSet.file("dev.wren.model." + MODEL + "-1.0.0"), home,
                        MODEL, "1.1.0");
                long m0 = System.nanoTime();
                kura.install(model);
                double modelInstallMs = (System.nanoTime() - m0) / 1e6;
                KuraSet.await("1.1.0 loaded", 60, () -> loaded(kura, "1.1.0"));
                double loadedMs = (System.nanoTime() - m0) / 1e6;
                KuraSet.await("1.1.0 serving", 120, () -> serving(kura, "1.1.0"));
                double servingMs = (System.nanoTime() - m0) / 1e6;
                double plainMs = plainInstall(Files.createTempDirectory("wren-dp-bench-plain"));
                installs.add(new double[] {installMs, plainMs, modelInstallMs, loadedMs, servingMs});
                System.out.printf("run %d: install all %d packages %.0f ms (%d bundles not ACTIVE; the same bundles"
                        + " installed and started without DeploymentAdmin: %.0f ms); model package:"
                        + " installed %.0f ms, loaded beside the serving version %.0f ms, serving after its canary"
                        + " %.0f ms%n", run, Wren.all().size(), installMs, notActive, plainMs, modelInstallMs, loadedMs,
                        servingMs);

                try (Readings r = new Readings(kura, Wren.SENSOR)) {
                    r.awaitMore(20);
                    for (String feature : UPDATED) {
                        int quietFrom = r.count();
                        long q0 = System.nanoTime();
                        Thread.sleep(1500);
                        double quietMs = (System.nanoTime() - q0) / 1e6;
                        int quietTo = r.count();
                        int from = r.count();
                        long u0 = System.nanoTime();
                        kura.install(next(home, feature));
                        double updateMs = (System.nanoTime() - u0) / 1e6;
                        long u1 = System.nanoTime();
                        // the same stretch as the quiet one, from the update's start
                        long wait = (long) Math.max(0, quietMs - updateMs);
                        Thread.sleep(wait);
                        r.awaitMore(2);
                        double[] row = {updateMs, missed(r.deliveries(), from - 1, r.count()),
                            missed(r.deliveries(), quietFrom - 1, quietTo), lost(r.deliveries(), from - 1)};
                        updates.computeIfAbsent(feature, k -> new ArrayList<>()).add(row);
                        System.out.printf("  update %-36s %6.0f ms, missed %2.0f slots (quiet stretch: %2.0f), readings"
                                + " lost %s%n", feature, row[0], row[1], row[2], row[3] < 0 ? "n/a (the sensor itself"
                                + " was replaced)" : String.format("%.0f", row[3]));
                    }
                }
            }
        }
        System.out.printf("medians over %d runs: install all %.0f ms, without DeploymentAdmin %.0f ms; model package"
                + " installed %.0f ms, loaded %.0f ms, serving %.0f ms%n", runs, median(installs, 0), median(installs, 1),
                median(installs, 2), median(installs, 3), median(installs, 4));
        System.out.println("medians over " + runs + " runs: update ms, missed slots, missed in the quiet stretch,"
                + " readings lost (-1: the sensor itself was replaced)");
        for (String feature : UPDATED) {
            List<double[]> rows = updates.get(feature);
            System.out.printf("  %-36s %6.0f %4.0f %4.0f %4.0f%n", feature, median(rows, 0), median(rows, 1),
                    median(rows, 2), median(rows, 3));
        }
    }

    /**
     * The baseline: the same bundles, taken out of the packages in the same order, installed and
     * started through the framework alone (what Kura's osgi.clean=true would forget at the next start).
     */
    static double plainInstall(Path home) throws Exception {
        try (KuraSet kura = new KuraSet(home)) {
            Wren.configure(kura);
            long t0 = System.nanoTime();
            List<org.osgi.framework.Bundle> installed = new ArrayList<>();
            for (String p : Wren.all()) {
                Packages.Dp dp = Packages.read(KuraSet.file(p));
                for (String entry : dp.bundleEntries()) {
                    installed.add(kura.context.installBundle("plain:" + entry,
                            new java.io.ByteArrayInputStream(dp.entries().get(entry))));
                }
            }
            for (org.osgi.framework.Bundle b : installed) {
                b.start();
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** Slots missed between deliveries {@code from} and {@code to} (indices), at the sensor's period. */
    static double missed(List<Readings.Delivery> d, int from, int to) {
        double period = Double.parseDouble(Wren.PERIOD_MS) * 1e6;
        double missed = 0;
        for (int i = Math.max(1, from + 1); i < Math.min(to, d.size()); i++) {
            long gap = d.get(i).nanos() - d.get(i - 1).nanos();
            missed += Math.max(0, Math.round(gap / period) - 1);
        }
        return missed;
    }

    /**
     * Reads of the sensor that did not reach the sink since delivery {@code from}: the growth of
     * (sampler's reads - deliveries); -1 when the sampler's count restarted (the sensor was replaced).
     */
    static double lost(List<Readings.Delivery> d, int from) {
        long reads = d.get(from).reads();
        for (Readings.Delivery x : d.subList(from, d.size())) {
            if (x.reads() < reads) {
                return -1;
            }
            reads = x.reads();
        }
        return d.get(d.size() - 1).offset() - d.get(from).offset();
    }

    static boolean serving(KuraSet kura, String version) {
        try {
            ServiceReference<?>[] refs = kura.context.getAllServiceReferences("dev.wren.inference.Model",
                    "(&(wren.model.name=" + MODEL + ")(wren.model.serving=true)(wren.model.version=" + version + "))");
            return refs != null && refs.length > 0;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean loaded(KuraSet kura, String version) {
        try {
            var refs = kura.context.getAllServiceReferences("dev.wren.inference.Model",
                    "(&(wren.model.name=" + MODEL + ")(wren.model.version=" + version + "))");
            return refs != null && refs.length > 0;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The next build of a package: its version and its bundles' versions with a later qualifier. */
    static Path next(Path dir, String feature) throws Exception {
        Packages.Dp dp = Packages.read(KuraSet.file(feature));
        Map<String, String> versions = new HashMap<>();
        for (String entry : dp.bundleEntries()) {
            versions.put(dp.sections().get(entry).getValue("Bundle-SymbolicName"),
                    Packages.nextBuild(dp.sections().get(entry).getValue("Bundle-Version")));
        }
        return Packages.rewrite(KuraSet.file(feature), dir.resolve(feature + "-next.dp"),
                Packages.nextBuild(dp.version()), versions);
    }

    static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
