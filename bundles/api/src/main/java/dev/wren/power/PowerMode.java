package dev.wren.power;

/**
 * How much the gateway may spend, from most to least. Declared in that order, so
 * {@code compareTo} tells which mode is leaner.
 */
public enum PowerMode {
    /** Mains or a healthy battery and a working uplink: sample, infer and send everything. */
    FULL,
    /** Uplink down, battery low or thermal throttling: keep detecting with less. */
    DEGRADED,
    /** Battery or temperature critical: the bare minimum to stay useful. */
    MINIMAL
}
