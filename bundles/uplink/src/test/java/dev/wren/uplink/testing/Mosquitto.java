package dev.wren.uplink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker for tests, in its own directory with its own generated configuration,
 * on free loopback ports: a plain listener, and optionally a TLS listener. It can be stopped
 * (SIGTERM, it saves its persistence), killed (SIGKILL, it saves nothing), restarted on the same
 * ports, and asked to save its persistence now (SIGUSR1).
 *
 * <pre>
 * try (Mosquitto broker = Mosquitto.in(dir).user("gw", "secret").start()) {
 *     connect to broker.url() ...
 *     broker.kill();
 *     broker.restart();
 * }
 * </pre>
 *
 * The binary is {@code /usr/sbin/mosquitto} unless the system property {@code wren.mosquitto}
 * names another; {@code mosquitto_passwd} is looked for next to it, then on the path.
 */
public final class Mosquitto implements AutoCloseable {

    /** The broker binary. */
    public static final Path BINARY = Path.of(System.getProperty("wren.mosquitto", "/usr/sbin/mosquitto"));

    private static final long START_TIMEOUT_MS = 10_000;

    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private final int tlsPort;
    private Process process;

    private Mosquitto(Path dir, Path config, int port, int tlsPort) {
        this.dir = dir;
        this.config = config;
        this.log = dir.resolve("mosquitto.log");
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** @return a builder of a broker living in {@code dir} (created if needed) */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    /** @return whether the broker binary is installed */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** What the broker is to be. */
    public static final class Builder {

        private final Path dir;
        private String user;
        private String password;
        private Path ca;
        private Path cert;
        private Path key;
        private boolean requireClientCertificate;
        private boolean persistence;
        private final List<String> options = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Only this user may connect (no anonymous access). */
        public Builder user(String name, String secret) {
            this.user = name;
            this.password = secret;
            return this;
        }

        /** Adds a TLS listener with the server certificate of {@code certs}, verifying clients against its CA if asked. */
        public Builder tls(Certificates certs, boolean requireClientCertificate) {
            return tls(certs.ca(), certs.server(), certs.serverKey(), requireClientCertificate);
        }

        /** Adds a TLS listener with this server certificate, verifying client certificates against {@code ca} if asked. */
        public Builder tls(Path ca, Path cert, Path key, boolean requireClientCertificate) {
            this.ca = ca;
            this.cert = cert;
            this.key = key;
            this.requireClientCertificate = requireClientCertificate;
            return this;
        }

        /**
         * Keeps sessions and queued messages in {@code mosquitto.db}, saved on {@link #stop} and
         * {@link #save} only (never on a timer), so a {@link #kill} loses what came after.
         */
        public Builder persistence() {
            this.persistence = true;
            return this;
        }

        /** Adds a line to the global part of the configuration. */
        public Builder option(String line) {
            options.add(line);
            return this;
        }

        /** @return the broker, configured on free ports, not started */
        public Mosquitto build() {
            try {
                Files.createDirectories(dir);
                int[] ports = freePorts(cert != null ? 2 : 1);
                List<String> c = new ArrayList<>();
                c.add("# written by " + Mosquitto.class.getName());
                c.add("per_listener_settings false");
                // run as root, mosquitto would switch to the user "mosquitto", who cannot write here
                c.add("user " + System.getProperty("user.name"));
                if (user != null) {
                    Path file = dir.resolve("passwd");
                    passwordFile(file, user, password);
                    c.add("allow_anonymous false");
                    c.add("password_file " + file);
                } else {
                    c.add("allow_anonymous true");
                }
                c.add("persistence " + persistence);
                if (persistence) {
                    c.add("persistence_location " + dir + "/");
                    c.add("persistence_file mosquitto.db");
                    c.add("autosave_interval 0");
                }
                c.add("max_queued_messages 0");
                c.add("max_inflight_messages 1000");
                c.add("log_dest stderr");
                c.add("log_type error");
                c.add("log_type warning");
                c.add("log_type notice");
                c.add("log_type information");
                c.addAll(options);
                if (cert != null) {
                    c.add("listener " + ports[1] + " 127.0.0.1");
                    c.add("cafile " + ca);
                    c.add("certfile " + cert);
                    c.add("keyfile " + key);
                    c.add("require_certificate " + requireClientCertificate);
                }
                // last: once it accepts, every listener is bound
                c.add("listener " + ports[0] + " 127.0.0.1");
                Path config = dir.resolve("mosquitto.conf");
                Files.write(config, c, StandardCharsets.UTF_8);
                return new Mosquitto(dir, config, ports[0], cert != null ? ports[1] : -1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return the broker, running and accepting connections */
        public Mosquitto start() {
            return build().start();
        }
    }

    /** Starts the broker and waits until it accepts connections. */
    public synchronized Mosquitto start() {
        if (running()) {
            throw new IllegalStateException("mosquitto is already running");
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "-c", config.toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return this;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    kill();
                    throw new IllegalStateException("mosquitto did not accept connections on port " + port + ":\n" + log());
                }
                sleep(10);
            }
        }
    }

    /** Stops the broker with SIGTERM (it saves its persistence) and waits for it to exit. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitExit();
        }
    }

    /** Kills the broker with SIGKILL: connections break at once, nothing is saved. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitExit();
        }
    }

    /** Stops the broker if it runs, then starts it again on the same ports. */
    public synchronized Mosquitto restart() {
        stop();
        return start();
    }

    /** Makes the broker save its persistence now (SIGUSR1) and waits until the file is written. */
    public synchronized void save() {
        if (!running()) {
            throw new IllegalStateException("mosquitto is not running");
        }
        Path db = dir.resolve("mosquitto.db");
        try {
            FileTime before = Files.exists(db) ? Files.getLastModifiedTime(db) : FileTime.fromMillis(0);
            sleep(20);
            Process p = new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).start();
            p.waitFor();
            long deadline = System.currentTimeMillis() + 5_000;
            while (!Files.exists(db) || Files.getLastModifiedTime(db).compareTo(before) <= 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("mosquitto did not save " + db + " (is persistence on?)");
                }
                sleep(10);
            }
            sleep(50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** @return the plain listener's port, the same across restarts */
    public int port() {
        return port;
    }

    /** @return the TLS listener's port, or -1 without TLS */
    public int tlsPort() {
        return tlsPort;
    }

    /** @return {@code tcp://127.0.0.1:<port>} */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** @return {@code ssl://<host>:<tlsPort>} */
    public String tlsUrl(String host) {
        if (tlsPort < 0) {
            throw new IllegalStateException("no TLS listener");
        }
        return "ssl://" + host + ":" + tlsPort;
    }

    public Path directory() {
        return dir;
    }

    /** @return what the broker logged, across restarts */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Stops the broker if it runs. */
    @Override
    public void close() {
        stop();
    }

    private void waitExit() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void passwordFile(Path file, String user, String password) throws IOException {
        Path tool = BINARY.resolveSibling("mosquitto_passwd");
        String passwd = Files.isExecutable(tool) ? tool.toString() : "mosquitto_passwd";
        Files.deleteIfExists(file);
        Files.createFile(file);
        Commands.run(file.getParent(), passwd, "-b", file.toString(), user, password);
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
