package dev.wren.hardware.simulator;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.provider.Provider;

import dev.wren.hardware.I2CRegisters;

/**
 * A Pi4J context on a simulated board, its providers registered explicitly as the platform
 * does: for driver tests and benchmarks that run without a framework.
 */
public final class SimContext implements AutoCloseable {

    private final Context context;
    private final AtomicLong opened = new AtomicLong();

    public SimContext(SimBoard board) {
        context = Pi4J.newContextBuilder().noAutoDetect().add(board.providers().toArray(new Provider[0])).build();
    }

    /** @return the Pi4J context */
    public Context context() {
        return context;
    }

    /** @return registers of the chip at {@code address} on {@code bus}, through Pi4J's I2C API */
    public I2CRegisters open(int bus, int address) {
        String id = String.format(Locale.ROOT, "i2c-%d-0x%02x-%d", bus, address, opened.incrementAndGet());
        return new I2CRegisters(context.create(I2C.newConfigBuilder(context).id(id).bus(bus).device(address).build()));
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
