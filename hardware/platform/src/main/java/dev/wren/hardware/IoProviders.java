package dev.wren.hardware;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import com.pi4j.provider.Provider;

/**
 * Pi4J providers that stand in for a board's I/O, registered as a service by a bundle that
 * implements them (the simulated board does). The platform builds its Pi4J context from them
 * when the selected profile is the one named by the {@value #PROFILE} service property.
 *
 * <p>Providers are handed to Pi4J explicitly, never found by {@code ServiceLoader}. They must
 * stay usable until the service is unregistered; the platform closes its context first.
 */
@ConsumerType
public interface IoProviders {

    /** Service property (String): the board profile these providers serve, e.g. {@code simulated}. */
    String PROFILE = "board.profile";

    /** @return the providers: one per I/O type (I2C, digital input, digital output), not empty */
    List<Provider<?, ?, ?>> providers();
}
