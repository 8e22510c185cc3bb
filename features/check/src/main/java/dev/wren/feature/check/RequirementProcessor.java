package dev.wren.feature.check;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.deploymentadmin.spi.DeploymentSession;
import org.osgi.service.deploymentadmin.spi.ResourceProcessor;
import org.osgi.service.deploymentadmin.spi.ResourceProcessorException;

/**
 * The customizer of one feature package. DeploymentAdmin hands it the package's requirement
 * resources ({@link Requirement}) after installing the package's bundles and before starting
 * any; a requirement that the installed packages do not meet throws, so DeploymentAdmin rolls
 * the whole package back (its bundles uninstalled, an update's previous bundles restored) and
 * reports the message. The resources hold no state: dropping them does nothing.
 * <p>
 * Each package carries its own copy under its own symbolic name because DeploymentAdmin 0.9.5
 * uses only a resource processor from the package being installed (a processor from another
 * package is refused as a foreign customizer unless a system property allows it).
 */
final class RequirementProcessor implements ResourceProcessor {

    private final BundleContext context;
    private volatile DeploymentSession session;

    RequirementProcessor(BundleContext context) {
        this.context = context;
    }

    @Override
    public void begin(DeploymentSession session) {
        this.session = session;
    }

    @Override
    public void process(String name, InputStream stream) throws ResourceProcessorException {
        String feature = session != null ? session.getSourceDeploymentPackage().getName()
                : context.getBundle().getSymbolicName();
        Requirement r;
        try {
            r = Requirement.read(name, stream);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResourceProcessorException(ResourceProcessorException.CODE_OTHER_ERROR,
                    feature + ": " + e.getMessage(), e);
        }
        String refusal = r.refusal(feature, installed(r.name()));
        if (refusal != null) {
            throw new ResourceProcessorException(ResourceProcessorException.CODE_OTHER_ERROR, refusal);
        }
    }

    private Version installed(String name) throws ResourceProcessorException {
        ServiceReference<DeploymentAdmin> ref = context.getServiceReference(DeploymentAdmin.class);
        DeploymentAdmin admin = ref != null ? context.getService(ref) : null;
        if (admin == null) {
            throw new ResourceProcessorException(ResourceProcessorException.CODE_OTHER_ERROR,
                    "no DeploymentAdmin service to look up " + name + " in");
        }
        try {
            DeploymentPackage p = admin.getDeploymentPackage(name);
            return p == null || p.isStale() ? null : p.getVersion();
        } finally {
            context.ungetService(ref);
        }
    }

    @Override
    public void dropped(String resource) {
    }

    @Override
    public void dropAllResources() {
    }

    @Override
    public void prepare() {
    }

    @Override
    public void commit() {
        session = null;
    }

    @Override
    public void rollback() {
        session = null;
    }

    @Override
    public void cancel() {
    }
}
