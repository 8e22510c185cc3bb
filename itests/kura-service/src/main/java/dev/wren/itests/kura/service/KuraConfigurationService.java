package dev.wren.itests.kura.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.kura.KuraException;

/**
 * The parts of Kura 5.4.1's configuration service that decide what its web UI shows and how it
 * writes a configuration, as the stand-in on the Kura-like test set plays them:
 * <ul>
 * <li>for every ACTIVE bundle it reads {@code OSGI-INF/metatype/<PID>.xml} for each PID and factory
 * PID the bundle's metatype declares, with a parser that is not namespace-aware (element names
 * {@code OCD}, {@code AD}, {@code Option}, {@code Designate}, {@code Object}, unprefixed); the OCD id
 * must equal the PID;</li>
 * <li>it seeds a configuration carrying {@code kura.service.pid} (and the OCD's defaults) for every
 * singleton PID;</li>
 * <li>a component is listed only if its {@code ConfigurableComponent} service carried both
 * {@code service.pid} and {@code kura.service.pid} when it was REGISTERED (later property changes
 * are ignored);</li>
 * <li>an attribute whose id ends in {@code .target} is read-only unless a component configured by the
 * PID has a reference of that name (the attribute id without {@code .target});</li>
 * <li>attributes of type Password are stored encrypted by the CryptoService.</li>
 * </ul>
 */
public interface KuraConfigurationService {

    /** The {@code kura.service.pid} value of a configuration and of a listed component. */
    String KURA_SERVICE_PID = "kura.service.pid";

    /** How long Kura's web UI waits for a new factory component's service: 60 s. */
    long FACTORY_WAIT_MS = 60_000;

    /** @return the {@code kura.service.pid} of every component the web UI lists */
    Set<String> getConfigurableComponentPids();

    /** @return the factory PIDs offered under "Create new component" */
    Set<String> getFactoryComponentPids();

    /** @return the singleton PIDs of ACTIVE bundles' metatype, each of which got a seeded configuration */
    Set<String> getSeededPids();

    /** @return the definition read for a PID or factory PID, empty when none was read */
    Optional<Ocd> getDefinition(String pidOrFactoryPid);

    /** @return every metatype file or PID the parser could not read, as "bundle: path: why" */
    List<String> getMetatypeProblems();

    /**
     * Writes {@code properties} over the configuration of {@code pid} (a singleton PID or the
     * {@code kura.service.pid} of a factory instance) as the web UI's "Apply" does.
     *
     * @throws KuraException {@code CONFIGURATION_ATTRIBUTE_INVALID} naming the attribute when a
     *         read-only {@code .target} attribute would change, {@code CONFIGURATION_ERROR} when
     *         there is no definition for the PID
     */
    void updateConfiguration(String pid, Map<String, Object> properties) throws KuraException;

    /**
     * Creates a factory component as "Create new component" does and waits up to
     * {@link #FACTORY_WAIT_MS} for a service with {@code (kura.service.pid=<pid>)}.
     *
     * @throws KuraException {@code TIMED_OUT} when no such service appeared
     */
    void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties) throws KuraException;

    /** Deletes the factory component with this {@code kura.service.pid}. */
    void deleteFactoryConfiguration(String pid) throws KuraException;
}
