package org.example.wren.greenhouse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;
import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;

/**
 * The greenhouse log: every reading of the chosen sensors and every insight about them, one CSV
 * line each, in a file of the gateway's data directory. A sink is a whiteboard service: the
 * sampler calls it with the readings its {@code sensors.target} filter selects, the pipelines
 * with the insights its {@code insights.target} filter selects. Both calls come on Wren's
 * threads: a sink returns quickly (here, a buffered write).
 */
@Component(configurationPid = GreenhouseLog.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {ReadingSink.class, InsightSink.class})
@Designate(ocd = GreenhouseLog.Config.class)
public class GreenhouseLog implements ReadingSink, InsightSink {

    public static final String PID = "org.example.wren.greenhouse.GreenhouseLog";

    @ObjectClassDefinition(id = PID, name = "Greenhouse log",
            description = "Readings and insights of the chosen sensors as CSV lines in a file.")
    public @interface Config {

        @AttributeDefinition(name = "Sensors", description = "LDAP filter over the sensors' service properties.")
        String sensors_target() default "(sensor.kind=sht31)";

        @AttributeDefinition(name = "Insights", description = "LDAP filter over an insight's sensor, label and severity.")
        String insights_target() default "(sensor=*)";

        @AttributeDefinition(name = "File", required = false,
                description = "The log file; empty = greenhouse.csv in the gateway's data directory.")
        String file() default "";
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private BufferedWriter out;
    private Path file;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        file = config.file().isBlank() ? DataDirectory.of(context).resolve("greenhouse.csv") : Path.of(config.file());
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log.info("Greenhouse log in {}", file);
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        out.close();
    }

    @Override
    public synchronized void accept(List<Reading> readings) {
        for (Reading r : readings) {
            line(String.format(Locale.ROOT, "reading,%s,%s,%s,%s,%d", r.sensor(), r.quantity(), r.value(), r.unit(),
                    r.timestamp()));
        }
        flush();
    }

    @Override
    public synchronized void accept(Insight i) {
        line(String.format(Locale.ROOT, "insight,%s,%s %s,%s,%.3f,%d", i.sensor(), i.model(), i.modelVersion(), i.label(),
                i.score(), i.timestamp()));
        flush();
    }

    private void line(String text) {
        try {
            out.write(text);
            out.newLine();
        } catch (IOException e) {
            log.warn("Greenhouse log {}: {}", file, e.getMessage());
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            log.warn("Greenhouse log {}: {}", file, e.getMessage());
        }
    }
}
