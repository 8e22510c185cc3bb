/**
 * Stand-in for Eclipse Kura's {@code org.eclipse.kura.configuration}, exported at the version
 * Kura 5.x exports it (1.2.0).
 *
 * <p>Only for the standalone runtime and the Kura-like test runtime. Inside Kura the real
 * {@code org.eclipse.kura.api} bundle exports this package and this bundle must not be
 * installed (it is not part of any Kura deployment package). Wren bundles import the package
 * with the range {@code [1.2,2)}, which either exporter satisfies.
 */
@Export
@Version("1.2.0")
package org.eclipse.kura.configuration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
