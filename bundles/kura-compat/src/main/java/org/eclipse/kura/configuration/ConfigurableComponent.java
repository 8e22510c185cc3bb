package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marker service interface: a component providing it is shown and configured in Kura's web UI
 * (metatype OCD id equal to the PID, {@code configurationPolicy = REQUIRE}). Same name, package,
 * and meaning as Kura's own; Kura's real API bundle replaces this stand-in on a Kura gateway.
 */
@ConsumerType
public interface ConfigurableComponent {
}
