package dev.wren.hardware.simulator.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;

import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimLine;

/** Pi4J digital outputs driving the simulated board's lines (a relay, an LED). */
public final class SimDigitalOutputProvider extends DigitalOutputProviderBase {

    public static final String ID = "wren-sim-digital-output";

    private final SimBoard board;

    public SimDigitalOutputProvider(SimBoard board) {
        super(ID, "Wren simulated digital output");
        this.board = board;
    }

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        Output out = new Output(this, config, board.line(config.address()));
        context.registry().add(out);
        return out;
    }

    private static final class Output extends DigitalOutputBase {

        private final SimLine line;

        Output(DigitalOutputProvider provider, DigitalOutputConfig config, SimLine line) {
            super(provider, config);
            this.line = line;
        }

        @Override
        public DigitalOutput state(DigitalState state) throws IOException {
            line.set(state.isHigh());
            return super.state(state);
        }
    }
}
