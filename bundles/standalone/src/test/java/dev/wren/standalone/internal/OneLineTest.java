package dev.wren.standalone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

class OneLineTest {

    @Test
    void lineBreaksAndControlsBecomeVisibleEscapes() {
        assertEquals("a\\nb\\r\\nc\\td", OneLine.escape("a\nb\r\nc\td"));
        assertEquals("nul\\u0000 esc\\u001b[31m del\\u007f", OneLine.escape("nul\0 esc\u001b[31m del\u007f"));
        assertEquals("c1\\u0085 nel\\u009b", OneLine.escape("c1\u0085 nel\u009b"));
        assertEquals("ls\\u2028ps\\u2029", OneLine.escape("ls\u2028ps\u2029"));
        assertEquals("rlo\\u202e iso\\u2066", OneLine.escape("rlo\u202e iso\u2066"));
        assertEquals("null", OneLine.escape(null));
    }

    @Test
    void printableTextIsKeptAsItIs() {
        String s = "Grüße, 温度 25 °C, path C:\\data, emoji \uD83D\uDE00";
        assertSame(s, OneLine.escape(s));
    }

    @Test
    void everyControlCharacterIsEscaped() {
        for (char c = 0; c < 0xffff; c++) {
            String escaped = OneLine.escape("x" + c + "y");
            if (OneLine.isControl(c)) {
                assertTrue(escaped.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), Integer.toHexString(c));
            } else {
                assertEquals("x" + c + "y", escaped);
            }
        }
    }

    @Test
    void aTraceIsIndentedAndEscapedAndSurvivesACycle() {
        Exception cause = new IllegalStateException("inner\nFORGED 2026-01-01T00:00:00Z ERROR [x] y");
        Exception top = new RuntimeException("outer\0", cause);
        cause.initCause(top);
        String trace = OneLine.trace(top);
        for (String line : trace.split(System.lineSeparator())) {
            assertTrue(line.startsWith("\t"), line);
        }
        assertTrue(trace.contains("\tCaused by: java.lang.IllegalStateException: inner\\nFORGED"), trace);
        assertTrue(trace.contains("outer\\u0000"), trace);
        assertTrue(trace.contains("\t\tat dev.wren.standalone.internal.OneLineTest."), trace);
    }

    @Test
    void theLogWriterWritesOneLinePerEventWhateverTheMessage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogWriter writer = new LogWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), LogLevel.INFO);
        writer.logged(new Entry("Configuration refused: name='x\n2026-01-01T00:00:00Z ERROR [dev.wren.store] forged\0'",
                "dev.wren.store.Outbox\r", null));
        writer.logged(new Entry("second", "dev.wren.store", new IllegalArgumentException("bad\nvalue")));
        List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator()));
        List<String> events = lines.stream().filter(l -> !l.startsWith("\t")).toList();
        assertEquals(2, events.size(), String.join("\n", lines));
        assertTrue(events.get(0).endsWith("INFO  [? dev.wren.store.Outbox\\r] Configuration refused: name='x\\n"
                + "2026-01-01T00:00:00Z ERROR [dev.wren.store] forged\\u0000'"), events.get(0));
        assertTrue(lines.contains("\tjava.lang.IllegalArgumentException: bad\\nvalue"), String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("value")));
    }

    /** A log entry as the log service hands it over; a value, not a service. */
    private record Entry(String message, String loggerName, Throwable exception) implements LogEntry {

        @Override
        public Bundle getBundle() {
            return null;
        }

        @Override
        public ServiceReference<?> getServiceReference() {
            return null;
        }

        @Override
        @SuppressWarnings("deprecation")
        public int getLevel() {
            return 3;
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public Throwable getException() {
            return exception;
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public LogLevel getLogLevel() {
            return LogLevel.INFO;
        }

        @Override
        public String getLoggerName() {
            return loggerName;
        }

        @Override
        public long getSequence() {
            return 1;
        }

        @Override
        public String getThreadInfo() {
            return "main";
        }

        @Override
        public StackTraceElement getLocation() {
            return null;
        }
    }
}
