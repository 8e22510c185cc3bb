package dev.wren.config.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.ServiceTracker;

import dev.wren.config.RefusedSettings;
import dev.wren.data.DataDirectory;

/**
 * Registers {@link ConfigGuard} without Declarative Services, so that (started before SCR) it is in place
 * before any Wren component reads its configuration. Last good values live in {@code config-last-good}
 * under the data directory ({@link dev.wren.data.DataDirectory}: {@code wren.data.dir}, else Kura's, else this bundle's data area).
 * A deleted configuration forgets its last good values.
 */
public final class Activator implements BundleActivator {

    /** The plugin's rank: within 0..1000, where plugins may change what components receive. */
    static final int RANKING = 500;

    private ServiceTracker<MetaTypeService, MetaTypeService> metatype;
    private ServiceTracker<LoggerFactory, LoggerFactory> logs;
    private ServiceRegistration<?> plugin;
    private ServiceRegistration<?> listener;
    private ServiceRegistration<?> refused;

    /** Framework (or system) property that, set to {@code off}, registers no guard: for measuring its cost only. */
    static final String SWITCH = "wren.config.guard";

    @Override
    public void start(BundleContext context) {
        if ("off".equals(context.getProperty(SWITCH))) {
            System.err.println("WARN " + ConfigGuard.class.getName() + ": configuration guard off (" + SWITCH + "=off)");
            return;
        }
        metatype = new ServiceTracker<>(context, MetaTypeService.class, null);
        metatype.open();
        logs = new ServiceTracker<>(context, LoggerFactory.class, null);
        logs.open();
        LastGood lastGood = new LastGood(dataDir(context).resolve("config-last-good"));
        Refusals refusals = new Refusals();
        ConfigGuard guard = new ConfigGuard(new Definitions(context, metatype), lastGood, this::warn, refusals);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ConfigurationPlugin.CM_RANKING, RANKING);
        props.put("service.description", "Wren: refuses configuration values that break their metatype rules");
        plugin = context.registerService(ConfigurationPlugin.class, guard, props);
        refused = context.registerService(RefusedSettings.class, refusals, null);
        listener = context.registerService(ConfigurationListener.class, event -> {
            if (event.getType() == ConfigurationEvent.CM_DELETED && event.getPid().startsWith(Definitions.PREFIX)) {
                refusals.deleted(event.getPid());
                try {
                    lastGood.delete(event.getPid());
                } catch (IOException e) {
                    warn("Last good values of " + event.getPid() + " not deleted: " + e);
                }
            }
        }, null);
    }

    @Override
    public void stop(BundleContext context) {
        if (plugin == null) {
            return;
        }
        listener.unregister();
        refused.unregister();
        plugin.unregister();
        logs.close();
        metatype.close();
    }

    private void warn(String line) {
        LoggerFactory factory = logs.getService();
        if (factory != null) {
            factory.getLogger(ConfigGuard.class.getName(), Logger.class).warn(line);
        } else {
            System.err.println("WARN " + ConfigGuard.class.getName() + ": " + line);
        }
    }

    static Path dataDir(BundleContext context) {
        return DataDirectory.of(context);
    }
}
