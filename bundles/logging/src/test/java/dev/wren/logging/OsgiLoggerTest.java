package dev.wren.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class OsgiLoggerTest {

    @Test
    void levelsParseWithWarnAsDefault() {
        assertEquals(Level.WARN, LogTarget.parse(null));
        assertEquals(Level.WARN, LogTarget.parse("loud"));
        assertEquals(Level.DEBUG, LogTarget.parse(" debug "));
    }

    @Test
    void outsideAFrameworkWarningsGoToStandardErrorFormattedAndInfoIsDropped() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Logger log = new OsgiLoggerFactory(new LogTarget(OsgiLoggerTest.class)).getLogger("org.example.Http");
            assertTrue(log.isWarnEnabled());
            assertFalse(log.isInfoEnabled());
            log.info("not shown {}", 1);
            log.warn("bind to {}:{} failed", "127.0.0.1", 8080);
        } finally {
            System.setErr(saved);
        }
        assertEquals("WARN [org.example.Http] bind to 127.0.0.1:8080 failed", err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void theFallbackWritesOneLinePerEventWhateverTheMessage() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new OsgiLoggerFactory(new LogTarget(OsgiLoggerTest.class)).getLogger("org.example.Http")
                    .warn("bad request {}", "GET /x\r\nWARN [org.example.Http] forged\u0000\u001b[2J");
        } finally {
            System.setErr(saved);
        }
        assertEquals("WARN [org.example.Http] bad request GET /x\\u000d\\u000aWARN [org.example.Http] forged\\u0000\\u001b[2J"
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
