package dev.wren.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    private final SameOrigin check = new SameOrigin(Set.of("https://gateway.example:8443"));

    private static SameOrigin.Request post(String origin, String referer, String site, String cookie) {
        return new SameOrigin.Request("POST", false, "http", "127.0.0.1:8080", origin, referer, site, cookie);
    }

    @Test
    void readingIsNeverChecked() {
        assertTrue(check.check(new SameOrigin.Request("GET", false, "http", "127.0.0.1:8080",
                "http://evil.example", "http://evil.example/x", "cross-site", "a=b")).allowed());
        assertTrue(check.check(new SameOrigin.Request("OPTIONS", false, "http", "127.0.0.1:8080",
                "http://evil.example", null, null, null)).allowed());
    }

    @Test
    void aGetThatTheConsoleAppliesAsAPostIsChecked() {
        SameOrigin.Verdict v = check.check(new SameOrigin.Request("GET", true, "http", "127.0.0.1:8080",
                null, "http://evil.example/page", null, null));
        assertFalse(v.allowed());
        assertEquals("Referer names http://evil.example, not this console's origin http://127.0.0.1:8080", v.reason());
    }

    @Test
    void everyStateChangingMethodIsChecked() {
        for (String m : new String[] {"POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"}) {
            assertFalse(check.check(new SameOrigin.Request(m, false, "http", "127.0.0.1:8080",
                    "http://evil.example", null, null, null)).allowed(), m);
        }
    }

    @Test
    void aForeignOriginOrRefererIsRefusedNamingIt() {
        SameOrigin.Verdict v = check.check(post("http://evil.example", null, null, null));
        assertEquals("Origin names http://evil.example, not this console's origin http://127.0.0.1:8080", v.reason());
        assertFalse(check.check(post(null, "http://127.0.0.1:9999/system/console", null, null)).allowed(),
                "another port is another origin");
        assertFalse(check.check(post(null, "https://127.0.0.1:8080/", null, null)).allowed(),
                "another scheme is another origin");
        assertFalse(check.check(post("http://127.0.0.1:8080", "http://evil.example/", null, null)).allowed(),
                "either header naming another origin refuses");
    }

    @Test
    void nullOriginAndGarbageAreRefused() {
        assertEquals("Origin is 'null' (an opaque origin), not http://127.0.0.1:8080",
                check.check(post("null", null, null, null)).reason());
        assertEquals("Referer 'not a url' is not a URL", check.check(post(null, "not a url", null, null)).reason());
    }

    @Test
    void theOwnOriginAndConfiguredOnesAreAllowed() {
        assertTrue(check.check(post("http://127.0.0.1:8080", "http://127.0.0.1:8080/system/console/configMgr", null, "x=y")).allowed());
        assertTrue(check.check(post("HTTP://127.0.0.1:8080", null, null, null)).allowed(), "case does not matter");
        assertTrue(check.check(post("https://gateway.example:8443", null, null, null)).allowed());
        assertTrue(check.check(new SameOrigin.Request("POST", false, "http", "localhost", "http://localhost:80", null,
                null, null)).allowed(), "default port");
        assertTrue(check.check(new SameOrigin.Request("POST", false, "http", "[::1]:8080", "http://[::1]:8080", null,
                null, null)).allowed(), "IPv6 literal");
    }

    @Test
    void withNeitherHeaderABrowsersOwnWordDecidesThenCookies() {
        assertTrue(check.check(post(null, null, "same-origin", "c=1")).allowed());
        assertTrue(check.check(post(null, null, "none", null)).allowed());
        assertEquals("Sec-Fetch-Site is 'cross-site' and the request names no Origin",
                check.check(post(null, null, "cross-site", null)).reason());
        assertFalse(check.check(post(null, null, "same-site", null)).allowed(), "another port of the same host");
        assertEquals("a request with cookies (a browser's) must name its Origin or Referer",
                check.check(post(null, null, null, "felix-webconsole-locale=en")).reason());
        assertTrue(check.check(post(null, null, null, null)).allowed(), "a plain HTTP client");
    }

    @Test
    void longHeadersAreClippedInReasons() {
        String reason = check.check(post("http://" + "a".repeat(500) + ".example", null, null, null)).reason();
        assertTrue(reason.length() < 220, reason);
    }

    @Test
    void originsAreRecognised() {
        assertEquals("https://gw.example", SameOrigin.origin("https://GW.example:443/"));
        assertNull(SameOrigin.origin("https://gw.example/console"));
        assertNull(SameOrigin.origin("ftp://gw.example"));
        assertNull(SameOrigin.origin("gw.example"));
        assertNull(SameOrigin.origin("https://user@gw.example"));
    }
}
