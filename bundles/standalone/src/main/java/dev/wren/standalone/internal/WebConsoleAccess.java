package dev.wren.standalone.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;

/**
 * Standalone runtime only: gives the Felix web console a password of its own at first start.
 * The runtime starts the console locked (a password hash nobody knows); this component
 * generates a random password, stores it in a file only the gateway's user can read, and
 * configures the console with its salted hash. A password the operator set is never touched.
 * The file lives in the data directory ({@link DataDirectory}), never the working directory.
 * Never installed on Kura, which has its own users.
 */
@Component(configurationPid = WebConsoleAccess.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = WebConsoleAccess.Config.class)
public class WebConsoleAccess {

    public static final String PID = "dev.wren.standalone.WebConsoleAccess";

    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";

    /** Console configuration property recording where the generated password was written. */
    static final String GENERATED_INTO = "wren.password.file";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @ObjectClassDefinition(id = PID, name = "Wren web console access",
            description = "Generates the web console password at first start (standalone runtime).")
    public @interface Config {

        @AttributeDefinition(name = "User name", description = "User name for the web console.")
        String username() default "admin";

        @AttributeDefinition(name = "Password file",
                description = "File receiving the generated password, relative to the data directory.")
        String password_file() default "console-password";
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private ConfigurationAdmin configAdmin;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        if (config.username().isBlank()) {
            throw new IllegalArgumentException("username: must not be blank");
        }
        Configuration console = configAdmin.getConfiguration(CONSOLE_PID, "?");
        Dictionary<String, Object> props = console.getProperties();
        String at = checkListening(context) ? "Web console at " + where(context) : "No web console (see the ERROR above)";
        if (props != null && !ConsolePassword.isUnset(props.get("password"))) {
            Object generated = props.get(GENERATED_INTO);
            if (generated != null) {
                log.info("{}: user '{}', password in {}", at, props.get("username"), generated);
            } else {
                log.info("{} uses the password its operator configured", at);
            }
            return;
        }
        Path dataDir = DataDirectory.of(context);
        Path file = dataDir.resolve(config.password_file()).toAbsolutePath();
        String password = readOrCreate(file);
        Dictionary<String, Object> next = props != null ? props : new Hashtable<>();
        next.put("username", config.username());
        next.put("password", ConsolePassword.hash(password));
        next.put(GENERATED_INTO, file.toString());
        console.update(next);
        log.info("{}: user '{}', password in {}", at, config.username(), file);
    }

    private static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String existing = Files.readString(file).trim();
            if (!existing.isEmpty()) {
                ownerOnly(file);
                return existing;
            }
            Files.delete(file);
        }
        Files.createDirectories(file.getParent());
        String password = ConsolePassword.generate(20);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, password + System.lineSeparator());
        return password;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
    }

    /**
     * @return the console's URLs as the launcher settled them ({@code wren.console.urls}), and with HTTPS
     *         the certificate's file and SHA-256 fingerprint, for the operator to compare on first connection
     */
    static String where(BundleContext context) {
        String urls = orDefault(context.getProperty("wren.console.urls"), "http://127.0.0.1:"
                + orDefault(context.getProperty("org.osgi.service.http.port"), "8080") + "/system/console");
        String cert = context.getProperty("wren.console.certificate");
        return String.join(" and ", urls.trim().split("\\s+")) + (cert == null || cert.isBlank() ? ""
                : " (certificate " + cert + ", SHA-256 fingerprint " + context.getProperty("wren.console.certificate.sha256") + ")");
    }

    /**
     * The web server starts at start level 1, before this component: without its HttpServiceRuntime it
     * is not listening (Jetty logs a failed bind and goes on without a connector). Says so at ERROR,
     * naming the port when another process holds it. Silent where no Felix HTTP Jetty is installed.
     *
     * @return whether the console is listening (or no web server is installed to check)
     */
    private boolean checkListening(BundleContext context) {
        if (java.util.Arrays.stream(context.getBundles()).noneMatch(b -> b.getSymbolicName() != null
                && b.getSymbolicName().startsWith("org.apache.felix.http.jetty"))) {
            return true; // no web server installed (an in-framework test runtime): nothing to check
        }
        try {
            if (context.getServiceReferences("org.osgi.service.servlet.runtime.HttpServiceRuntime", null) != null) {
                return true;
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        boolean https = "true".equals(context.getProperty("org.apache.felix.https.enable"));
        String host = orDefault(context.getProperty("org.apache.felix.http.host"), "127.0.0.1");
        String port = orDefault(context.getProperty(https ? "org.osgi.service.http.port.secure"
                : "org.osgi.service.http.port"), https ? "443" : "8080");
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(host, Integer.parseInt(port)));
            log.error("no web console: the web server is not listening on {} port {} (see its error above)", host, port);
        } catch (java.net.BindException e) {
            log.error("no web console: port {} on {} is in use by another process", port, host);
        } catch (IOException | RuntimeException e) {
            log.error("no web console: the web server is not listening on {} port {} ({})", host, port, e.toString());
        }
        return false;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
