package dev.wren.itests.kura.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * On Kura the dashboard is a page of the web UI: registered through the web UI's Console service on
 * Jetty 9.4 with javax.servlet 3.1, refused with 401 to whoever is not logged in, served to who is.
 */
class KuraDashboardTest extends KuraTestBase {

    static final String PATH = "/wren/dashboard";

    record Reply(int status, String type, String body) {
    }

    private String endpoint() {
        ServiceReference<?> r = context.getServiceReference("org.osgi.service.http.runtime.HttpServiceRuntime");
        if (r == null) {
            return null;
        }
        Object e = r.getProperty("osgi.http.endpoint");
        String url = e instanceof String[] a ? a[0] : e instanceof java.util.Collection<?> c ? String.valueOf(c.iterator().next())
                : String.valueOf(e);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Reply get(String path, String method, boolean loggedIn) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + path).toURL().openConnection();
        c.setRequestMethod(method);
        if (loggedIn) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (context.getProperty("wren.itests.kura.web.user") + ":" + context.getProperty("wren.itests.kura.web.password"))
                            .getBytes(StandardCharsets.UTF_8)));
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(status, String.valueOf(c.getContentType()), body);
    }

    @Test
    void theDashboardIsAPageOfTheWebUiBehindItsLogin() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Reply page = null;
        while (System.nanoTime() < deadline) {
            if (endpoint() != null) {
                page = get(PATH, "GET", true);
                if (page.status() == 200) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(page != null && page.status() == 200, "the dashboard never answered at " + PATH + ": " + page);
        assertTrue(page.type().startsWith("text/html") && page.body().contains("<title>Wren gateway</title>"), page.toString());

        for (String p : new String[] {PATH, PATH + "/status.json", PATH + "/trends.json", PATH + "/metrics"}) {
            assertEquals(401, get(p, "GET", false).status(), p + " without login");
        }
        Reply status = get(PATH + "/status.json", "GET", true);
        assertEquals(200, status.status());
        assertTrue(status.type().startsWith("application/json") && status.body().contains("\"sensors\":[")
                && status.body().contains("\"device\":{"), status.body());
        Reply metrics = get(PATH + "/metrics", "GET", true);
        assertTrue(metrics.type().startsWith("text/plain; version=0.0.4") && metrics.body().contains("# TYPE wren_reading gauge"),
                metrics.toString());
        assertEquals(405, get(PATH + "/status.json", "POST", true).status(), "nothing but GET and HEAD");
        assertEquals(400, get(PATH + "/status.json?" + "x".repeat(300), "GET", true).status());
        assertEquals(404, get(PATH + "/nothing-here", "GET", true).status());
    }
}
