/**
 * Test only. What the Kura-only tests ask of the stand-in for Kura 5.4.1's configuration service
 * (the parts of {@code org.eclipse.kura.configuration.ConfigurationService} that decide what Kura's
 * web UI shows and how it writes a configuration).
 */
@Version("1.0.0")
@Export
package dev.wren.itests.kura.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
