/**
 * Stand-in for Kura's {@code org.eclipse.kura.cloudconnection.message} ({@code KuraMessage}),
 * exported at the version Kura 5.4.1 exports it (1.0.0).
 * Standalone runtime and test runtimes only; on Kura the real API bundle exports it.
 */
@Export
@Version("1.0.0")
package org.eclipse.kura.cloudconnection.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
