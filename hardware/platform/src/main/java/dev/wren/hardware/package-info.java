/**
 * The board a gateway runs on, as drivers see it.
 *
 * <p>The platform bundle builds one Pi4J context from a {@link dev.wren.hardware.BoardProfile}
 * (detected from the device tree or chosen in configuration) and publishes it as a
 * {@link dev.wren.hardware.Board} service. Drivers open the buses and lines they need through
 * it, so that two drivers never drive the same chip or line. On a real board the context uses
 * Pi4J's linuxfs provider for I2C and its gpiod provider for GPIO; anywhere else it uses the
 * providers of a {@link dev.wren.hardware.IoProviders} service, such as the simulated board's.
 * {@link dev.wren.hardware.I2CRegisters} turns bus failures into typed sensor faults.
 */
@Export
@Version("1.1.0")
package dev.wren.hardware;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
