package dev.wren.feature.check;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.deploymentadmin.spi.ResourceProcessor;

/**
 * Registers this package's {@link RequirementProcessor} under {@code service.pid} = this bundle's
 * symbolic name, the {@code Resource-Processor} its package's requirement resources name.
 */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_PID, context.getBundle().getSymbolicName());
        context.registerService(ResourceProcessor.class, new RequirementProcessor(context), p);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
