package dev.wren.store.internal;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The enqueue cost of a change, side by side in one JVM: the {@link EnqueueBenchmark} outbox
 * loops of two builds of the store (each in a class loader of its own, with its own Derby) run
 * alternately, {@code rounds} times, {@code seconds} each, with 1 and with 8 producers; prints
 * each round and the medians of the per-round ratios (candidate / baseline), so load from
 * elsewhere on the machine hits both alike.
 *
 * <pre>
 * # a baseline build, e.g. the store before a change:
 * git worktree add ../wren-base &lt;commit&gt; &amp;&amp; (cd ../wren-base &amp;&amp; mvn -q -pl bundles/store test-compile)
 * mvn -q -pl bundles/store test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp bundles/store/target/test-classes dev.wren.store.internal.EnqueueCompare \
 *   -Dbaseline=../wren-base/bundles/store/target/classes:../wren-base/bundles/store/target/test-classes \
 *   -Dcandidate=bundles/store/target/classes:bundles/store/target/test-classes \
 *   -Ddeps="$(cat bundles/store/target/cp.txt)" -Ddir=target/compare -Drounds=6 -Dseconds=11
 * </pre>
 * (system properties go before the class name in a real command line.)
 */
public final class EnqueueCompare {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("dir", "target/compare"));
        int rounds = Integer.getInteger("rounds", 6);
        double seconds = Double.parseDouble(System.getProperty("seconds", "11"));
        String deps = System.getProperty("deps");
        Method base = loop(System.getProperty("baseline") + File.pathSeparator + deps);
        Method cand = loop(System.getProperty("candidate") + File.pathSeparator + deps);
        double[][] ratio = new double[2][rounds];
        double[][] rate = new double[4][rounds];
        int[] producers = {1, 8};
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                Path b = dir.resolve("base-" + r + "-" + k);
                Path c = dir.resolve("cand-" + r + "-" + k);
                delete(b);
                delete(c);
                double rb = (double) base.invoke(null, b, producers[k], seconds);
                double rc = (double) cand.invoke(null, c, producers[k], seconds);
                rate[2 * k][r] = rb;
                rate[2 * k + 1][r] = rc;
                ratio[k][r] = rc / rb;
                System.out.printf("round %d, %d producer(s): baseline %.0f msg/s, candidate %.0f msg/s, ratio %.2f%n",
                        r + 1, producers[k], rb, rc, ratio[k][r]);
                delete(b);
                delete(c);
            }
        }
        System.out.printf("medians: 1 producer baseline %.0f, candidate %.0f msg/s, ratio %.2f | 8 producers baseline %.0f,"
                + " candidate %.0f msg/s, ratio %.2f%n", EnqueueBenchmark.median(rate[0]), EnqueueBenchmark.median(rate[1]),
                EnqueueBenchmark.median(ratio[0]), EnqueueBenchmark.median(rate[2]), EnqueueBenchmark.median(rate[3]),
                EnqueueBenchmark.median(ratio[1]));
    }

    private static void delete(Path d) throws java.io.IOException {
        if (Files.exists(d)) {
            try (var all = Files.walk(d)) {
                for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static Method loop(String classpath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String p : classpath.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                Path f = Path.of(p).toAbsolutePath();
                urls.add(Files.isDirectory(f) ? new URL(f.toUri() + "/") : f.toUri().toURL());
            }
        }
        ClassLoader l = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Method m = l.loadClass(EnqueueBenchmark.class.getName()).getDeclaredMethod("outbox", Path.class, int.class,
                double.class);
        m.setAccessible(true);
        return m;
    }
}
