package dev.wren.hardware.simulator.pi4j;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;

import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimDevice;

/** One simulated bus: serialises transactions like a real adapter and routes them by address. */
final class SimI2CBus extends I2CBusBase {

    private final SimBoard board;

    SimI2CBus(I2CConfig config, SimBoard board) {
        super(config);
        this.board = board;
    }

    @Override
    public <R> R execute(I2C i2c, Callable<R> action) {
        return _execute(i2c, action);
    }

    SimDevice device(I2C i2c) {
        return board.device(bus, i2c.device()).orElseThrow(() -> new Pi4JException(String.format(Locale.ROOT,
                "I2C transaction to 0x%02X on bus %d failed", i2c.device(), bus),
                new IOException("Remote I/O error (errno 121)")));
    }
}
