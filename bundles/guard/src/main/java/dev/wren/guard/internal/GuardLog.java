package dev.wren.guard.internal;

import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The guard's log: the OSGi log once it is there (standard output in the gateway's format before),
 * within a {@link LogBudget} of 30 lines a minute, so refused requests cannot flood the log.
 */
final class GuardLog implements AutoCloseable {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private final ServiceTracker<LoggerFactory, LoggerFactory> factories;
    private final LogBudget budget = new LogBudget(30);

    GuardLog(BundleContext context) {
        factories = new ServiceTracker<>(context, LoggerFactory.class, null);
        factories.open();
    }

    void info(String line) {
        write(false, line);
    }

    void warn(String line) {
        write(true, line);
    }

    /** Errors (a configuration refused) are never left out. */
    void error(String line) {
        LoggerFactory f = factories.getService();
        if (f != null) {
            f.getLogger(Settings.PID, Logger.class).error("{}", line);
        } else {
            System.out.println(java.time.Instant.now() + " ERROR [dev.wren.guard] " + visible(line));
        }
    }

    private void write(boolean warn, String line) {
        Integer left = budget.take(System.nanoTime() / 1_000_000);
        if (left == null) {
            return;
        }
        String text = left == 0 ? line : line + " (" + left + " earlier guard lines left out)";
        LoggerFactory f = factories.getService();
        if (f == null) {
            System.out.println(java.time.Instant.now() + (warn ? " WARN " : " INFO ") + " [dev.wren.guard] "
                    + visible(text));
            return;
        }
        Logger log = f.getLogger(Settings.PID, Logger.class);
        if (warn) {
            log.warn("{}", text);
        } else {
            log.info("{}", text);
        }
    }

    /** Control characters as backslash-u escapes: the fallback writes to standard output itself. */
    private static String visible(String s) {
        return CONTROL.matcher(s).replaceAll(m -> String.format("\\\\u%04x", (int) m.group().charAt(0)));
    }

    @Override
    public void close() {
        factories.close();
    }
}
