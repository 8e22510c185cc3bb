package dev.wren.itests.kura.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/** Records the OSGi log entries at WARN and above while it is attached. */
final class KuraLog implements LogListener, AutoCloseable {

    private final List<LogEntry> entries = new CopyOnWriteArrayList<>();
    private final LogReaderService reader;

    KuraLog(LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (LogLevel.WARN.implies(entry.getLogLevel())) {
            entries.add(entry);
        }
    }

    /** @return whether an entry at WARN or above contains every one of {@code parts} */
    boolean has(String... parts) {
        return entries.stream().map(e -> String.valueOf(e.getMessage()))
                .anyMatch(m -> List.of(parts).stream().allMatch(m::contains));
    }

    /** @return the messages recorded, for a failure */
    List<String> messages() {
        return entries.stream().map(e -> e.getLogLevel() + " " + e.getMessage()).toList();
    }

    @Override
    public void close() {
        reader.removeLogListener(this);
    }
}
