package dev.wren.standalone.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.wren.data.DataDirectory;

/**
 * Standalone runtime only: seeds Config Admin with the default configurations shipped in the
 * directory named by the framework property {@value #DEFAULTS}, each file once in the life of
 * the data directory ({@link DataDirectory}). From then on Config Admin owns the configuration: changes
 * made in the web console persist, and a configuration the operator deleted does not come back. Files are
 * {@code <pid>.cfg} or {@code <factoryPid>-<name>.cfg} in {@link Properties} format; a file named after
 * a PID that has since moved seeds the new PID, and stored configurations of moved PIDs are moved first
 * ({@link RenamedPids}). Never installed on Kura; without the property it only moves renamed PIDs.
 */
@Component(service = {})
public class ConfigDefaults {

    /** Framework property: the directory holding the default configurations. */
    static final String DEFAULTS = "wren.config.defaults";

    /**
     * Order of application: this bundle's own components first (the log writer, so the rest of the start is
     * written out, and the console's password, so it exists before any other component is up), then by name.
     */
    static final Comparator<String> ORDER = Comparator.comparing((String f) -> !f.startsWith("dev.wren.standalone."))
            .thenComparing(Comparator.naturalOrder());

    /** File in the data directory listing the default files already applied. */
    static final String SEEDED = "config-seeded";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private ConfigurationAdmin configAdmin;

    @Activate
    void activate(BundleContext context) throws IOException {
        RenamedPids.migrate(configAdmin, moved -> log.info("Configuration moved: {}", moved));
        String dir = context.getProperty(DEFAULTS);
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path defaults = Path.of(dir);
        Path record = DataDirectory.of(context).resolve(SEEDED);
        Files.createDirectories(record.getParent());
        Set<String> seeded = Files.exists(record) ? new HashSet<>(Files.readAllLines(record)) : new HashSet<>();
        Set<String> files = new TreeSet<>(ORDER);
        try (DirectoryStream<Path> cfgs = Files.newDirectoryStream(defaults, "*.cfg")) {
            cfgs.forEach(p -> files.add(p.getFileName().toString()));
        }
        for (String file : files) {
            if (seeded.contains(file)) {
                continue;
            }
            try {
                seed(defaults.resolve(file), file.substring(0, file.length() - ".cfg".length()));
                Files.writeString(record, file + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | IllegalArgumentException e) {
                log.error("Default configuration {} not applied: {}", defaults.resolve(file), e.toString());
            }
        }
    }

    private void seed(Path file, String name) throws IOException {
        int dash = name.indexOf('-');
        Configuration c = dash > 0
                ? configAdmin.getFactoryConfiguration(name.substring(0, dash), name.substring(dash + 1), "?")
                : configAdmin.getConfiguration(RenamedPids.current(name), "?");
        if (c.getProperties() != null) {
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Dictionary<String, Object> props = new Hashtable<>();
        p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).trim()));
        c.update(props);
        log.info("Applied default configuration {}", c.getPid());
    }
}
