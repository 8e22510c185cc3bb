/**
 * The uplink: the gateway's connection to the cloud, as state others can read and adapt to (the
 * power manager batches and opens connection windows by it; the console shows it).
 */
@Export
@Version("1.1.0")
package dev.wren.uplink;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
