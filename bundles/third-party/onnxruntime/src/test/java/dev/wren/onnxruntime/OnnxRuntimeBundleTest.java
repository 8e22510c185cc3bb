package dev.wren.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle jar (system property {@code bundle.jar}, built before the tests): its manifest, its
 * natives, and ORT's telemetry when run from it.
 *
 * <p>The telemetry tests run {@link AddModel} in a child JVM whose class path is the bundle jar
 * and the test classes, with {@code HOME} and {@code java.io.tmpdir} in a fresh directory,
 * {@code XDG_CACHE_HOME} unset (ORT prefers it to {@code HOME}), and {@code https_proxy} on a
 * closed local port, so that the control never uploads. ORT creates its telemetry directory while
 * the {@code OrtEnvironment} is created and first uploads about ten seconds later; the child is
 * long gone by then. ORT also stays silent when it sees a CI service's variables ({@link
 * #CI_MARKERS}), so the child runs without them: a gateway does not have them, and the control
 * must see what a gateway would.
 */
class OnnxRuntimeBundleTest {

  private static final Path BUNDLE = Path.of(System.getProperty("bundle.jar"));
  private static final Set<String> NATIVES = Set.of(
      "linux-aarch64/libonnxruntime.so", "linux-aarch64/libonnxruntime4j_jni.so",
      "linux-x64/libonnxruntime.so", "linux-x64/libonnxruntime4j_jni.so");

  /** Variables whose presence makes ORT 1.29 skip telemetry (read off the native library). */
  private static final List<String> CI_MARKERS = List.of("CI", "ORT_RUNNING_UNIT_TESTS", "TF_BUILD",
      "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "CODEBUILD_BUILD_ID",
      "BUILDKITE", "TEAMCITY_VERSION", "APPVEYOR", "BITBUCKET_BUILD_NUMBER");

  @TempDir Path dir;

  @Test
  void manifestExportsTheApiAndImportsNothing() throws IOException {
    try (var jar = new JarFile(BUNDLE.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("dev.wren.onnxruntime", main.getValue("Bundle-SymbolicName"));
      assertEquals("1.29.0", main.getValue("Bundle-Version"));
      assertTrue(main.getValue("Export-Package").matches("ai\\.onnxruntime;version=\"1\\.29\\.0\"[;,].*"),
          main.getValue("Export-Package"));
      assertNull(main.getValue("Import-Package"));
      assertNull(main.getValue("DynamicImport-Package"));
      assertNull(main.getValue("Bundle-Activator"));
    }
  }

  @Test
  void holdsTheLinuxX64AndAarch64NativesOnly() throws IOException {
    String prefix = "ai/onnxruntime/native/";
    var natives = new TreeSet<String>();
    try (var jar = new JarFile(BUNDLE.toFile())) {
      jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix))
          .forEach(e -> natives.add(e.getName().substring(prefix.length())));
    }
    assertEquals(new TreeSet<>(NATIVES), natives);
  }

  @Test
  void writesNoTelemetryWithTheVariable() throws Exception {
    assertEquals(AddModel.EXPECTED, runChild(true));
    assertFalse(Files.exists(dir.resolve("home/.cache/Microsoft")), "telemetry directory written");
  }

  /** Control: without the variable ORT does write it, so the test above can fail. */
  @Test
  void writesTelemetryWithoutTheVariable() throws Exception {
    assertEquals(AddModel.EXPECTED, runChild(false));
    assertTrue(Files.isDirectory(dir.resolve("home/.cache/Microsoft/DeveloperTools/.onnxruntime")));
  }

  /** Runs {@link AddModel} in a child JVM and returns the last line of its standard output. */
  private String runChild(boolean disableTelemetry) throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path err = dir.resolve("stderr.txt");
    String testClasses = Path.of(AddModel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    var child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp,
        "-cp", BUNDLE + File.pathSeparator + testClasses,
        AddModel.class.getName()))
        .redirectError(err.toFile());
    var env = child.environment();
    env.put("HOME", home.toString());
    env.keySet().removeAll(List.of("XDG_CACHE_HOME", "ORT_DISABLE_TELEMETRY",
        "no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY"));
    env.keySet().removeAll(CI_MARKERS);
    env.put("https_proxy", "http://127.0.0.1:9");
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    if (disableTelemetry) {
      env.put("ORT_DISABLE_TELEMETRY", "1");
    }
    Process process = child.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
    assertEquals(0, process.exitValue(), () -> out + "\n" + readString(err));
    return out.substring(out.lastIndexOf('\n') + 1);
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
