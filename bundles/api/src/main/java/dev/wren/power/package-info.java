/**
 * The gateway's power mode: state everyone can read, not a message everyone must catch.
 *
 * <p>One {@link dev.wren.power.PowerState} service holds the current
 * {@link dev.wren.power.PowerMode}; its {@value dev.wren.power.PowerState#MODE} service property
 * carries the mode name, so a component that belongs to some modes only can say so with a
 * reference target such as {@code (power.mode=FULL)} and Declarative Services starts and stops it.
 * Each transition is also posted on {@value dev.wren.power.PowerState#TOPIC_MODE_CHANGED}.
 * When no power state service is present, consumers behave as in {@code FULL}.
 */
@Export
@Version("1.2.0")
package dev.wren.power;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
