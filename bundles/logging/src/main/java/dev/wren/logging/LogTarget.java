package dev.wren.logging;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.event.Level;

/**
 * Where slf4j events go: the OSGi {@link LoggerFactory} once the log service is there, standard
 * error before that (warnings and errors only). Events below the threshold set by the framework
 * property {@value #LEVEL} (default WARN) are dropped before any formatting.
 */
final class LogTarget {

    /** Framework property: the lowest slf4j level passed on (ERROR, WARN, INFO, DEBUG, TRACE). */
    static final String LEVEL = "wren.slf4j.level";

    /**
     * Framework property: logger name prefixes, comma separated, whose events are passed on at
     * DEBUG at most: libraries that report a normal condition as an error (Pi4J's board detection
     * on every host that is not a Raspberry Pi).
     */
    static final String DEMOTED = "wren.slf4j.demoted";

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private final Class<?> anchor;
    private final PrintStream fallback = System.err;
    private volatile Level threshold;
    private volatile List<String> demoted;
    private volatile ServiceTracker<LoggerFactory, LoggerFactory> tracker;

    LogTarget(Class<?> anchor) {
        this.anchor = anchor;
    }

    boolean enabled(Level level) {
        return level.toInt() >= threshold().toInt();
    }

    private Level threshold() {
        Level t = threshold;
        if (t == null) {
            BundleContext context = context();
            if (context == null) {
                return parse(System.getProperty(LEVEL));
            }
            t = parse(context.getProperty(LEVEL));
            threshold = t;
        }
        return t;
    }

    private List<String> demoted() {
        List<String> d = demoted;
        if (d == null) {
            BundleContext context = context();
            String configured = context != null ? context.getProperty(DEMOTED) : System.getProperty(DEMOTED);
            d = configured == null ? List.of()
                    : Arrays.stream(configured.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
            if (context != null) {
                demoted = d;
            }
        }
        return d;
    }

    static Level parse(String configured) {
        if (configured != null) {
            try {
                return Level.valueOf(configured.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // an unknown level name falls back to the default
            }
        }
        return Level.WARN;
    }

    /** Writes one formatted event, at DEBUG at most for a logger under a {@value #DEMOTED} prefix. */
    void log(String name, Level level, String message, Throwable t) {
        if (level.toInt() > Level.DEBUG.toInt() && demoted().stream().anyMatch(name::startsWith)) {
            level = Level.DEBUG;
        }
        LoggerFactory factory = factory();
        if (factory == null) {
            if (level.toInt() >= Level.WARN.toInt()) {
                fallback.println(visible(level + " [" + name + "] " + message));
                if (t != null) {
                    t.printStackTrace(fallback);
                }
            }
            return;
        }
        org.osgi.service.log.Logger logger = factory.getLogger(name);
        switch (level) {
            case ERROR -> logger.error("{}", message, t);
            case WARN -> logger.warn("{}", message, t);
            case INFO -> logger.info("{}", message, t);
            case DEBUG -> logger.debug("{}", message, t);
            default -> logger.trace("{}", message, t);
        }
    }

    /** @return {@code s} with control characters as backslash-u escapes: one event, one line */
    static String visible(String s) {
        return CONTROL.matcher(s).replaceAll(m -> String.format(Locale.ROOT, "\\\\u%04x", (int) m.group().charAt(0)));
    }

    private LoggerFactory factory() {
        ServiceTracker<LoggerFactory, LoggerFactory> st = tracker;
        if (st == null) {
            BundleContext context = context();
            if (context == null) {
                return null;
            }
            synchronized (this) {
                if (tracker == null) {
                    st = new ServiceTracker<>(context, LoggerFactory.class, null);
                    st.open();
                    tracker = st;
                }
                st = tracker;
            }
        }
        return st.getService();
    }

    private BundleContext context() {
        Bundle b = FrameworkUtil.getBundle(anchor);
        return b != null ? b.getBundleContext() : null;
    }
}
