package dev.wren.guard.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Registers the {@link ConsoleGuard} preprocessor at bundle start, with its defaults, without waiting
 * for Declarative Services: started before the web server, it guards the console from its first
 * request. Its configuration (PID {@value Settings#PID}) arrives through a {@link ManagedService}; a
 * configuration that breaks a rule is refused with an ERROR naming the property, and the guard keeps the
 * settings it had.
 */
public final class Activator implements BundleActivator {

    private GuardLog log;
    private ServiceRegistration<?> preprocessor;
    private ServiceRegistration<?> managed;

    @Override
    public void start(BundleContext context) {
        log = new GuardLog(context);
        ConsoleGuard guard = new ConsoleGuard(log, Settings.DEFAULTS);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_DESCRIPTION, "Wren: same-origin check, login lockout, partial configuration updates");
        preprocessor = context.registerService(Preprocessor.class, guard, props);
        Hashtable<String, Object> pid = new Hashtable<>();
        pid.put(Constants.SERVICE_PID, Settings.PID);
        managed = context.registerService(ManagedService.class, (Dictionary<String, ?> config) -> {
            try {
                Settings settings = Settings.of(config);
                guard.configure(settings);
                if (config != null) {
                    log.info("Web console guard: lockout after " + settings.freeFailures() + " failed logins for "
                            + settings.initialLockoutMs() / 1000 + " s, doubling up to " + settings.maxLockoutMs() / 1000
                            + " s; origins trusted besides the console's own: " + settings.allowedOrigins());
                }
            } catch (IllegalArgumentException e) {
                log.error("Configuration of the web console guard refused, keeping the last good one: " + e.getMessage());
            }
        }, pid);
    }

    @Override
    public void stop(BundleContext context) {
        managed.unregister();
        preprocessor.unregister();
        log.close();
    }
}
