package dev.wren.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/** Records the log entries at INFO and above while it is attached. */
final class LogWatch implements LogListener, AutoCloseable {

    static final String SCR_LOST_EVENT = "waitForTracked timed out";

    final List<LogEntry> entries = new CopyOnWriteArrayList<>();
    private final LogReaderService reader;

    LogWatch(LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (LogLevel.INFO.implies(entry.getLogLevel())) {
            entries.add(entry);
        }
    }

    boolean has(String containing) {
        return entries.stream().anyMatch(e -> String.valueOf(e.getMessage()).contains(containing));
    }

    boolean hasError(String containing) {
        return entries.stream().anyMatch(e -> e.getLogLevel() == LogLevel.ERROR
                && String.valueOf(e.getMessage()).contains(containing));
    }

    boolean hasWarning(String containing) {
        return entries.stream().anyMatch(e -> e.getLogLevel() == LogLevel.WARN
                && String.valueOf(e.getMessage()).contains(containing));
    }

    /**
     * The ERROR entries logged in the name of bundles starting with {@code bsnPrefix}, but for one of Felix
     * SCR 2.1.16 (Kura 5.4.1's): after many quick restarts of a bundle whose service a component references
     * statically, its tracker may lose one service event and report "waitForTracked timed out" at each later
     * activation, which still completes five seconds later.
     */
    List<String> errorsFrom(String bsnPrefix) {
        return entries.stream()
                .filter(e -> e.getLogLevel() == LogLevel.ERROR && e.getBundle() != null
                        && e.getBundle().getSymbolicName().startsWith(bsnPrefix))
                .filter(e -> !String.valueOf(e.getMessage()).contains(SCR_LOST_EVENT))
                .map(e -> e.getBundle().getSymbolicName() + ": " + e.getMessage()
                        + (e.getException() != null ? " " + e.getException() : ""))
                .toList();
    }

    @Override
    public void close() {
        reader.removeLogListener(this);
    }
}
