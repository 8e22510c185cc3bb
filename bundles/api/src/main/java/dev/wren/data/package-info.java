/**
 * Where Wren keeps its files: one rule, {@link dev.wren.data.DataDirectory}, that every Wren bundle
 * asks instead of reading framework properties itself, so that the outbox, the configuration's last
 * good values, the console password and the free-disk reading all agree on one place, and none of them
 * ever lands in the process's working directory (inside Kura that is Kura's installation directory).
 */
@Export
@Version("1.0.0")
package dev.wren.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
