package dev.wren.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link OsgiLogger} per name. */
final class OsgiLoggerFactory implements ILoggerFactory {

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogTarget target;

    OsgiLoggerFactory(LogTarget target) {
        this.target = target;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new OsgiLogger(n, target));
    }
}
