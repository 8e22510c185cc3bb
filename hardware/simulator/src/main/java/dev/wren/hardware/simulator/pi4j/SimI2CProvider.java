package dev.wren.hardware.simulator.pi4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;

import dev.wren.hardware.simulator.SimBoard;

/** Pi4J I2C provider of the simulated board: one bus object (and lock) per bus number. */
public final class SimI2CProvider extends I2CProviderBase {

    public static final String ID = "wren-sim-i2c";

    private final SimBoard board;
    private final Map<Integer, SimI2CBus> buses = new ConcurrentHashMap<>();

    public SimI2CProvider(SimBoard board) {
        super(ID, "Wren simulated I2C");
        this.board = board;
    }

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public I2C create(I2CConfig config) {
        SimI2CBus bus = buses.computeIfAbsent(config.bus(), b -> new SimI2CBus(config, board));
        SimI2C i2c = new SimI2C(this, config, bus);
        context.registry().add(i2c);
        return i2c;
    }
}
