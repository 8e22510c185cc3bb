/**
 * Stand-in for Kura's {@code org.eclipse.kura.message}: only {@code KuraPayload}, the payload a
 * {@code KuraMessage} carries. Exported at 1.4.0; Wren's bundles import it from 1.0 on (every Kura
 * 5.x payload has the methods used here), so a newer or older minor version on a gateway matches.
 * Standalone runtime and test runtimes only; on Kura the real API bundle exports it.
 */
@Export
@Version("1.4.0")
package org.eclipse.kura.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
