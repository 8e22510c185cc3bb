/**
 * Feature sets: the exact computation from a sensor window to a model's input, versioned by name
 * ({@code vibration-v1}) so that models trained elsewhere get the same numbers as Wren's pipeline.
 * A change to a computation is a new feature set, never an edit of an old one. {@code vibration-v1}
 * reads windows of three-axis acceleration; {@code summary-v1} (since 1.1) reads scalar readings over
 * a time window.
 */
@Export
@Version("1.1.0")
package dev.wren.inference.features;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
