/**
 * The operator's view of the gateway, for web adapters: {@link dev.wren.dashboard.Dashboard}.
 */
@Export
@Version("1.0.0")
package dev.wren.dashboard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
