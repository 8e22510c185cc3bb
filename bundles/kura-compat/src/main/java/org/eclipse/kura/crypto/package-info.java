/**
 * Stand-in for Kura's {@code org.eclipse.kura.crypto} (the {@code CryptoService} that encrypts
 * password attributes), exported at the version Kura 5.x exports it (1.3.0).
 * Standalone runtime and test runtimes only; on Kura the real API bundle exports it.
 */
@Export
@Version("1.3.0")
package org.eclipse.kura.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
