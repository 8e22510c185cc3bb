package dev.wren.driver.ads1115;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.provider.Provider;

import dev.wren.hardware.I2CRegisters;
import dev.wren.hardware.simulator.SimBoard;

/** A Pi4J context on a simulated board, providers registered explicitly as in the platform. */
final class SimulatedBus implements AutoCloseable {

    final Context context;

    SimulatedBus(SimBoard board) {
        context = Pi4J.newContextBuilder().noAutoDetect().add(board.providers().toArray(new Provider[0])).build();
    }

    I2CRegisters open(int bus, int address) {
        return new I2CRegisters(context.create(I2C.newConfigBuilder(context).id("i2c-" + bus + "-" + address)
                .bus(bus).device(address).build()));
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
