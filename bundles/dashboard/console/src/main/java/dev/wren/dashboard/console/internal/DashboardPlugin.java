package dev.wren.dashboard.console.internal;

import java.io.IOException;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.wren.dashboard.Dashboard;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The dashboard as a web console page: {@code <console>/wren} (the page), {@code /wren/status.json},
 * {@code /wren/trends.json} and {@code /wren/metrics}. The console authenticates every request before
 * it arrives here; only GET and HEAD are served ({@link Dashboard#answer}).
 */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + DashboardPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Wren dashboard",
    ServletConstants.PLUGIN_CATEGORY + "=Wren"})
public class DashboardPlugin extends AbstractServlet {

    static final String LABEL = "wren";
    private static final long serialVersionUID = 1L;

    @Reference
    private transient Dashboard dashboard;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        String uri = request.getRequestURI();
        String rest = root != null && uri.startsWith(root.toString()) ? uri.substring(root.toString().length()) : uri;
        Responses.write(dashboard.answer(rest, request.getQueryString()), response);
    }
}
