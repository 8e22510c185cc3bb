package dev.wren.standalone.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Standalone runtime only: writes OSGi log entries at or above a level to standard output, one
 * line each, for the terminal or the service manager's journal; routine framework events are left out.
 * Control characters in the message and the logger's name are escaped ({@link OneLine}), so a value
 * that reaches the log (a configuration value, a request header) cannot forge a line; an exception's
 * stack trace follows on lines that start with a tab, escaped too.
 * Entries logged before it started (the log service keeps the last ones) are written first. Never installed
 * on Kura: Kura seeds a configuration for every singleton it finds a metatype for, so there this component
 * would copy every line of Kura's own log to its console log.
 */
@Component(configurationPid = LogWriter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = LogWriter.Config.class)
public class LogWriter implements LogListener {

    public static final String PID = "dev.wren.standalone.LogWriter";

    @ObjectClassDefinition(id = PID, name = "Wren log writer",
            description = "Writes log entries to standard output (standalone runtime).")
    public @interface Config {

        @AttributeDefinition(name = "Level", description = "Lowest level written.")
        LogLevel level() default LogLevel.INFO;
    }

    private final PrintStream out;
    private volatile LogLevel level;
    /** Guards {@link #pending}: entries that arrive while the earlier ones are written. */
    private final Object replay = new Object();
    private List<LogEntry> pending;

    @Reference
    private LogReaderService reader;
    /** The log reader held by this bundle beside Declarative Services' hold, released by {@link #deactivate}. */
    private ServiceReference<LogReaderService> held;
    private BundleContext context;

    public LogWriter() {
        this.out = System.out;
    }

    /** A writer to {@code out} at {@code level}, for tests: entries are given to {@link #logged}. */
    LogWriter(PrintStream out, LogLevel level) {
        this.out = out;
        this.level = level;
    }

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        held = context.getServiceReference(LogReaderService.class);
        if (held != null) {
            context.getService(held);
        }
        level = config.level();
        synchronized (replay) {
            pending = new ArrayList<>();
        }
        reader.addLogListener(this);
        List<LogEntry> earlier = Collections.list(reader.getLog());
        Collections.reverse(earlier);
        long last = -1;
        for (LogEntry e : earlier) {
            write(e);
            last = Math.max(last, e.getSequence());
        }
        synchronized (replay) {
            for (LogEntry e : pending) {
                if (e.getSequence() > last) {
                    write(e);
                }
            }
            pending = null;
        }
    }

    @Modified
    void modified(Config config) {
        try {
            level = config.level();
        } catch (RuntimeException e) {
            out.println(OneLine.escape("level: must be one of AUDIT, ERROR, WARN, INFO, DEBUG, TRACE; keeping " + level
                    + " (" + e + ")"));
        }
    }

    /**
     * Stops listening, unless the whole runtime is going away (Declarative Services itself stopping,
     * {@link ComponentConstants#DEACTIVATION_REASON_DISPOSED}): then it keeps writing until its bundle
     * stops (its own hold on the log reader keeps the listener when Declarative Services lets go of
     * its), so what the other components say as they stop (the uplink's offline state, the outbox
     * closing) still reaches the journal, in whatever order Declarative Services disposes them.
     */
    @Deactivate
    void deactivate(int reason) {
        if (reason == ComponentConstants.DEACTIVATION_REASON_DISPOSED) {
            return;
        }
        if (held != null) {
            try {
                context.ungetService(held);
            } catch (IllegalStateException e) {
                // the bundle is stopping: the framework releases it
            }
        }
        reader.removeLogListener(this);
    }

    /** Framework events (bundle started, service registered) are logged as INFO and DEBUG: noise here. */
    private static boolean isRoutineEvent(LogEntry entry) {
        return entry.getLoggerName().startsWith("Events.") && LogLevel.INFO.implies(entry.getLogLevel());
    }

    /**
     * @return the bundle, and the logger too when it says more than the bundle (slf4j loggers all
     *         belong to the slf4j bundle, so there the logger is what tells Jetty from the console)
     */
    private static String source(LogEntry entry) {
        String bsn = entry.getBundle() != null ? entry.getBundle().getSymbolicName() : "?";
        String logger = entry.getLoggerName();
        if (logger == null || logger.startsWith(bsn) || logger.startsWith("LogService") || logger.startsWith("Events.")) {
            return bsn;
        }
        return bsn + " " + logger;
    }

    @Override
    public void logged(LogEntry entry) {
        synchronized (replay) {
            if (pending != null) {
                pending.add(entry);
                return;
            }
        }
        write(entry);
    }

    private void write(LogEntry entry) {
        if (!level.implies(entry.getLogLevel()) || isRoutineEvent(entry)) {
            return;
        }
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(entry.getTime())).append(' ')
                .append(String.format(Locale.ROOT, "%-5s", entry.getLogLevel())).append(' ')
                .append('[');
        OneLine.append(line, source(entry));
        line.append("] ");
        OneLine.append(line, String.valueOf(entry.getMessage()));
        String trace = entry.getException() != null ? OneLine.trace(entry.getException()) : null;
        synchronized (out) {
            out.println(line);
            if (trace != null) {
                out.print(trace);
            }
        }
    }
}
