package dev.wren.itests.kura.service.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.kura.web.api.Console;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpContext;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;

/**
 * Test only: the web UI's {@link Console} service on the Kura-like set. As Kura 5.x's
 * {@code org.eclipse.kura.web2} does, {@link #registerSecuredServlet} registers the servlet with the HTTP
 * service under its path and one security context shared by the web UI's pages, which answers
 * {@code 401} to a request that is not logged in, before the servlet runs. Kura decides "logged in" by
 * its web UI session; this stand-in by HTTP basic credentials of one user given by the framework
 * properties {@value #USER} and {@value #PASSWORD} (none set: every request is refused).
 */
@Component(service = Console.class)
public final class WebConsoleStandIn implements Console {

    static final String USER = "wren.itests.kura.web.user";
    static final String PASSWORD = "wren.itests.kura.web.password";

    @Reference
    private HttpService http;

    private String expected;

    @Activate
    void activate(BundleContext context) {
        String user = context.getProperty(USER);
        String password = context.getProperty(PASSWORD);
        expected = user == null || password == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private final HttpContext session = new HttpContext() {

        @Override
        public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String given = request.getHeader("Authorization");
            if (expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return false;
        }

        @Override
        public URL getResource(String name) {
            return null;
        }

        @Override
        public String getMimeType(String name) {
            return null;
        }
    };

    @Override
    public void registerSecuredServlet(String path, Servlet servlet) throws NamespaceException, ServletException {
        http.registerServlet(path, servlet, null, session);
    }

    @Override
    public void unregisterServlet(String path) {
        http.unregister(path);
    }
}
