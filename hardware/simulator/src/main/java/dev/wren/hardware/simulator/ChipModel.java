package dev.wren.hardware.simulator;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The simulator's extension point: a whiteboard service that models a chip kind Wren does not
 * ship, so a third party's driver can run against the simulated board exactly as Wren's own.
 * Register it with the service property {@value #KIND}; the simulated board then plugs one
 * instance, made by {@link #create}, at every {@code <kind>@<bus>:<address>} of that kind in the
 * simulator's {@code chips} setting, and unplugs them when the service goes away (the driver
 * sees its chip vanish, as when a wire comes loose). A kind Wren ships cannot be replaced.
 *
 * <p>{@link #create} is called on a Declarative Services or configuration thread, once per plug
 * and again whenever the board is rebuilt; a model that throws is reported by its kind and the
 * rest of the board runs on. The chip it returns is driven as {@link I2CChip} says: under the
 * bus lock, never concurrently.
 *
 * @since 2.0
 */
@ConsumerType
public interface ChipModel {

    /**
     * Service property naming the chip kind: lower-case letters and digits, as written in the
     * simulator's {@code chips} setting ({@code sht31} for {@code sht31@1:0x44}).
     */
    String KIND = "sim.chip.kind";

    /**
     * @param board the board the chip is plugged into: its {@link SimBoard#clock() clock} for
     *              conversion times, its {@link SimBoard#environment() environment} and other
     *              world models for what the chip measures
     * @return a new chip in its power-on state
     */
    I2CChip create(SimBoard board);
}
