/**
 * A simulated board: I2C buses with register-level chip models, GPIO lines, the physical world
 * they measure (air, a battery, a vibrating machine), fault injection and scripted scenarios.
 *
 * <p>{@link dev.wren.hardware.simulator.SimBoard} is the board; its
 * {@link dev.wren.hardware.simulator.SimBoard#providers() providers} are ordinary Pi4J providers,
 * so drivers use Pi4J's real API against it exactly as against a Raspberry Pi. Time is a
 * {@link dev.wren.hardware.simulator.SimClock}: the system clock in the gateway, a manual one
 * in tests. In the gateway the simulator bundle builds the board from its configuration and
 * registers it (as {@code SimBoard}) and its providers (as
 * {@link dev.wren.hardware.IoProviders}) for the platform bundle. A chip kind Wren does not ship
 * comes in as a {@link dev.wren.hardware.simulator.ChipModel} service.
 *
 * <p>2.0 moved the recording test board out to the test-scope artifact
 * {@code dev.wren.hardware.testing} and added {@code ChipModel}.
 */
@Export
@Version("2.0.0")
package dev.wren.hardware.simulator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
