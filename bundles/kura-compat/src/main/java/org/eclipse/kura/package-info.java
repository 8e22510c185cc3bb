/**
 * Stand-in for the root package of Eclipse Kura's API ({@code KuraException}, {@code KuraErrorCode}),
 * exported at the version Kura 5.4.1's {@code org.eclipse.kura.api} bundle exports it (1.7.0).
 * Standalone runtime and test runtimes only; on Kura the real API bundle exports it.
 */
@Export
@Version("1.7.0")
package org.eclipse.kura;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
