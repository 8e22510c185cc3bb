package dev.wren.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Hashtable;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings of(Object... kv) {
        Hashtable<String, Object> d = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            d.put((String) kv[i], kv[i + 1]);
        }
        return Settings.of(d);
    }

    @Test
    void typedAndStringValuesAreRead() {
        Settings s = of("login.free.failures", 7, "lockout.initial.s", "2", "lockout.max.s", 60,
                "allowed.origins", new String[] {"https://GW.example:443", ""});
        assertEquals(7, s.freeFailures());
        assertEquals(2_000, s.initialLockoutMs());
        assertEquals(60_000, s.maxLockoutMs());
        assertEquals(Set.of("https://gw.example"), s.allowedOrigins());
        assertEquals(Settings.DEFAULTS, Settings.of(null));
        assertEquals(Set.of("http://a.example", "http://b.example"),
                of("allowed.origins", "http://a.example, http://b.example").allowedOrigins());
    }

    @Test
    void aBrokenRuleIsNamed() {
        assertEquals("login.free.failures: must be between 1 and 100, was 0",
                assertThrows(IllegalArgumentException.class, () -> of("login.free.failures", 0)).getMessage());
        assertEquals("lockout.initial.s: must be a whole number between 1 and 3600, was 'abc'",
                assertThrows(IllegalArgumentException.class, () -> of("lockout.initial.s", "abc")).getMessage());
        assertEquals("lockout.max.s: must not be below lockout.initial.s (10), was 5",
                assertThrows(IllegalArgumentException.class,
                        () -> of("lockout.initial.s", 10, "lockout.max.s", 5)).getMessage());
        assertEquals("allowed.origins: must be origins such as https://gateway.example:8443 (http or https://host[:port], "
                        + "no path), was 'https://gw.example/console'",
                assertThrows(IllegalArgumentException.class,
                        () -> of("allowed.origins", "https://gw.example/console")).getMessage());
        assertEquals("console.path: must be a path such as /system/console, was 'console/'",
                assertThrows(IllegalArgumentException.class, () -> of("console.path", "console/")).getMessage());
    }
}
