package dev.wren.driver.mpu6050;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.provider.Provider;

import dev.wren.hardware.I2CRegisters;
import dev.wren.hardware.simulator.SimBoard;

/** The real Pi4J API on a simulated board, its providers registered explicitly as the platform does. */
final class SimulatedBus implements AutoCloseable {

    private final Context context;
    private int opened;

    SimulatedBus(SimBoard board) {
        context = Pi4J.newContextBuilder().noAutoDetect().add(board.providers().toArray(new Provider[0])).build();
    }

    I2CRegisters open(int bus, int address) {
        return new I2CRegisters(context.create(I2C.newConfigBuilder(context)
                .id("mpu6050-" + bus + "-" + address + "-" + ++opened).bus(bus).device(address).build()));
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
