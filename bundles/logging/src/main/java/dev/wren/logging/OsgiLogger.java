package dev.wren.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An slf4j logger whose events go to a {@link LogTarget}. */
final class OsgiLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient LogTarget target;

    OsgiLogger(String name, LogTarget target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public boolean isTraceEnabled() {
        return target.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return target.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return target.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return target.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return target.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable throwable) {
        target.log(name, level, MessageFormatter.basicArrayFormat(pattern, args), throwable);
    }
}
