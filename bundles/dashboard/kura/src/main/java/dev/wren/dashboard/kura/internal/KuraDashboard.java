package dev.wren.dashboard.kura.internal;

import org.eclipse.kura.web.api.Console;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.wren.dashboard.Dashboard;

/**
 * Kura only: registers the dashboard with Kura's web UI as a secured servlet at {@value #PATH}, so a
 * user logged in to the web UI opens {@code https://<gateway>/wren/dashboard} and anyone else gets
 * {@code 401} from Kura before the dashboard sees the request. Starts only where Kura's web UI runs
 * (it needs the {@link Console} service); the standalone runtime uses its web console instead.
 */
@Component(service = {})
public class KuraDashboard {

    static final String PATH = "/wren/dashboard";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Console console;

    @Reference
    private Dashboard dashboard;

    @Activate
    void activate() throws Exception {
        console.registerSecuredServlet(PATH, new DashboardServlet(dashboard));
        log.info("Wren dashboard at {} of Kura's web server, behind the web UI's login", PATH);
    }

    @Deactivate
    void deactivate() {
        try {
            console.unregisterServlet(PATH);
        } catch (Exception | LinkageError e) {
            log.warn("Wren dashboard: {} not unregistered: {}", PATH, e.toString());
        }
    }
}
