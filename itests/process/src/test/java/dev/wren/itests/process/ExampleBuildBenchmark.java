package dev.wren.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Time for the third-party example (examples/sht31) to build from a clean checkout: per run, a
 * fresh copy of its sources (no target directories) and {@code mvn -B -q -o clean install} in it,
 * against the Wren jars in the local Maven repository (offline, so the network is not measured).
 * Side by side in the same run, the baseline: {@code mvn -B -q -o validate} in the same copy, the
 * cost of starting Maven and reading the six-module project, which every build pays.
 *
 * <pre>
 * ./wren bench ExampleBuildBenchmark -Dwren.home=$PWD -Druns=5
 * </pre>
 */
public final class ExampleBuildBenchmark {

    private ExampleBuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("wren.home", ".")).toAbsolutePath().normalize();
        Path example = home.resolve("examples/sht31");
        int runs = Integer.getInteger("runs", 5);
        double[] build = new double[runs];
        double[] validate = new double[runs];
        for (int r = 0; r < runs; r++) {
            Path copy = Files.createTempDirectory("wren-example");
            copy(example, copy);
            validate[r] = time(copy, "validate");
            build[r] = time(copy, "clean", "install");
            if (!Files.isRegularFile(copy.resolve("package/target/org.example.wren.greenhouse-1.0.0.dp"))) {
                throw new IllegalStateException("the build made no package in " + copy);
            }
            System.out.printf(Locale.ROOT, "run %d: clean install %.1f s, validate %.1f s, ratio %.1f%n", r + 1, build[r],
                    validate[r], build[r] / validate[r]);
            delete(copy);
        }
        System.out.printf(Locale.ROOT, "median: clean install %.1f s, validate (Maven's start) %.1f s, ratio %.1f%n",
                median(build), median(validate), median(build) / median(validate));
    }

    private static double time(Path dir, String... goals) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-q", "-o"));
        command.addAll(List.of(goals));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed in " + dir);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !from.relativize(p).toString().contains("target")).toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
