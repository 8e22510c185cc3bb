package dev.wren.hardware.simulator;

/** What a simulated I2C device does wrong, injected by tests and scenarios. */
public enum Fault {
    /** Behaves. */
    NONE,
    /** Answers no transaction: the bus reports a missing acknowledge (EREMOTEIO). */
    NACK,
    /** Holds the clock low until the bus gives up (ETIMEDOUT), after the bus timeout. */
    TIMEOUT,
    /** Acknowledges, but bits of the bytes it sends are flipped at random. */
    CORRUPT,
    /** Gone from the bus (unplugged, dead): NACK, like an empty address. */
    ABSENT,
    /** Fails a share of transactions with a missing acknowledge, at random. */
    INTERMITTENT
}
