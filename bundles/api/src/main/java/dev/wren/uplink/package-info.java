/**
 * The uplink: the gateway's connection to the cloud, as state others can read and adapt to (the
 * power manager batches and opens connection windows by it; the console shows it), and the way
 * requests from the cloud reach a {@link dev.wren.uplink.RequestHandler} (since 1.2).
 */
@Export
@Version("1.3.0")
package dev.wren.uplink;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
