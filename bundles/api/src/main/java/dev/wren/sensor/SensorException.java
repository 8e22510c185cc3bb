package dev.wren.sensor;

import java.util.Objects;

/**
 * A read that produced no trustworthy value. The {@link #fault()} tells the sampler and the
 * operator what kind of failure it was; the message says what happened in words a technician
 * understands ("no ACK from 0x76 on i2c-1", "chip id 0x58 is a BMP280, expected 0x60").
 */
public class SensorException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, from the most to the least permanent. */
    public enum Fault {
        /** Nothing answers at the configured address or path. */
        ABSENT,
        /** Something answers, but it is not the chip the driver expects. */
        WRONG_CHIP,
        /** The bus or interface failed (NACK, I/O error, arbitration lost). */
        BUS_ERROR,
        /** The chip did not finish in time (conversion or bus timeout). */
        TIMEOUT,
        /** Bytes arrived but fail a check (CRC, impossible raw value, status bits). */
        CORRUPT_DATA,
        /** The value converted, but lies outside what the chip can physically report. */
        OUT_OF_RANGE,
        /** The sensor is not ready yet or is shutting down; try again later. */
        UNAVAILABLE
    }

    private final Fault fault;

    public SensorException(Fault fault, String message) {
        this(fault, message, null);
    }

    public SensorException(Fault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    /** @return the kind of failure, never null */
    public Fault fault() {
        return fault;
    }
}
