/**
 * Stand-in for Kura's {@code org.eclipse.kura.web.api} (the web UI's {@code Console} service), exported
 * at the version Kura 5.x's {@code org.eclipse.kura.web2} exports it (1.0.0). It needs
 * {@code javax.servlet} and the HTTP service API, which only a Kura-like runtime has: the imports are
 * optional, and on the standalone runtime nothing imports this package.
 */
@Export
@Version("1.0.0")
package org.eclipse.kura.web.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
