package org.eclipse.kura.web.api;

import javax.servlet.Servlet;
import javax.servlet.ServletException;

import org.osgi.service.http.NamespaceException;

/**
 * Stand-in for the part of Kura's web UI service ({@code org.eclipse.kura.web.api.Console}, bundle
 * {@code org.eclipse.kura.web2}) that Wren calls, with Kura's signatures. On Kura 5.x a servlet
 * registered here is registered with the HTTP service under {@code path} and the web UI's session
 * context: a request without a logged-in web UI session is answered {@code 401} before the servlet
 * sees it. Kura's other methods (extension bundles, login servlets, XSRF tokens) are left out.
 */
public interface Console {

    void registerSecuredServlet(String path, Servlet servlet) throws NamespaceException, ServletException;

    void unregisterServlet(String path) throws NamespaceException, ServletException;
}
