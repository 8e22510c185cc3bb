package dev.wren.itests.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The gateway started with {@code ./wren run} in its own process, and ways to look at it. */
final class GatewayProcess implements AutoCloseable {

    final Path data;
    final int port;
    final long startedNanos;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private GatewayProcess(Path data, int port, Process process, long startedNanos) {
        this.data = data;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param javaOpts JVM options, or null for the launcher's small-footprint defaults
     */
    static GatewayProcess start(Path data, int port, String javaOpts) throws IOException {
        return start(data, port, javaOpts, java.util.Map.of());
    }

    /** @param env more environment for the launcher, e.g. WREN_CONFIG, WREN_LOG_LEVEL */
    static GatewayProcess start(Path data, int port, String javaOpts, java.util.Map<String, String> env) throws IOException {
        return start(Path.of(System.getProperty("wren.home", ".")), data, port, javaOpts, env);
    }

    /** @param home the checkout whose {@code ./wren run} starts the gateway (built) */
    static GatewayProcess start(Path home, Path data, int port, String javaOpts, java.util.Map<String, String> env)
            throws IOException {
        home = home.toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("wren").toString(), "run")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("WREN_DATA", data.toString());
        pb.environment().put("WREN_HTTP_PORT", Integer.toString(port));
        if (javaOpts != null) {
            pb.environment().put("WREN_JAVA_OPTS", javaOpts);
        }
        // the bundle cache inside the test's directory, removed with it (WREN_CACHE="" in env: the default)
        pb.environment().put("WREN_CACHE", data.resolve("cache").toString());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        return new GatewayProcess(data, port, pb.start(), t0);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    List<String> output() {
        return output;
    }

    /** @return the first output line matching {@code regex}, waiting up to {@code timeout} */
    String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                if (p.matcher(line).find()) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line matching /" + regex + "/ within " + timeout.toSeconds()
                + " s; output:\n" + String.join("\n", output));
    }

    String password() throws IOException {
        return Files.readString(data.resolve("console-password")).trim();
    }

    /** @return the HTTP status of a request to the web console, or -1 if nothing answers */
    int status(String method, String path, String user, String password, String form) {
        try {
            HttpURLConnection c = connect(method, path, user, password, form);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    /** @return the body of a GET from the web console, as the generated user */
    String get(String path) throws IOException {
        HttpURLConnection c = connect("GET", path, "admin", password(), null);
        try {
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private HttpURLConnection connect(String method, String path, String user, String password, String form)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            c.setRequestProperty("Authorization", "Basic " + token);
        }
        if (form != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            c.getOutputStream().write(form.getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }

    /** @return a field of {@code /proc/<pid>/status} such as VmRSS (kB) or Threads */
    long procStatus(String field) throws IOException {
        return proc("status", field);
    }

    /** @return a numeric field of {@code /proc/<pid>/<file>}, e.g. write_bytes of io */
    long proc(String file, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), file))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid() + "/" + file);
    }

    /**
     * Sends SIGTERM, as systemd or an operator's Ctrl-C stops the gateway.
     *
     * @return whether the process was gone within {@code timeout}
     */
    boolean terminate(Duration timeout) throws InterruptedException {
        // through the handle: Process.destroy() also closes our end of its output, losing the last lines
        process.toHandle().destroy();
        boolean gone = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (gone) {
            reader.join(timeout.toMillis());
        }
        return gone;
    }

    /** @return the exit status once the process has ended within {@code timeout}, null while it runs on */
    Integer exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Kills the gateway with SIGKILL, as a power cut would stop it, and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
