/**
 * Register-level models of the chips Wren drives, each following its datasheet: reset values,
 * chip ids, register pointers and auto-increment, conversion timing and status bits. Each model
 * reads the physical world it measures from a model of that world (air, battery, vibration).
 */
@Export
@Version("1.0.0")
package dev.wren.hardware.simulator.chips;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
