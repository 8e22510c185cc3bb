/**
 * Sensors and the consumers of what they measure.
 *
 * <p>Data flows one way: a {@link dev.wren.sensor.Sensor} service reads one source (a chip, a
 * Linux interface, the gateway itself) when the sampler asks; the sampler hands each batch of
 * {@link dev.wren.sensor.Reading}s, or a {@link dev.wren.sensor.Window} of samples from a
 * {@link dev.wren.sensor.WindowSensor}, to every
 * {@link dev.wren.sensor.ReadingSink} whose {@value dev.wren.sensor.ReadingSink#SENSORS_TARGET}
 * filter matches the sensor's service properties. Drivers and sinks are written by Wren and by
 * third parties alike, so both are consumer types; the values are immutable records.
 *
 * <p>Failures are typed: a sensor throws {@link dev.wren.sensor.SensorException} with a
 * {@link dev.wren.sensor.SensorException.Fault}; the sampler marks the sensor faulted after
 * repeated failures, keeps every other sensor running, and announces the change on the
 * EventAdmin topics in {@link dev.wren.sensor.SensorEvents}.
 */
@Export
@Version("1.4.0")
package dev.wren.sensor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
