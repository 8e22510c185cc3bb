/**
 * What the configuration guard refused: {@link dev.wren.config.RefusedSettings}.
 */
@Export
@Version("1.0.0")
package dev.wren.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
