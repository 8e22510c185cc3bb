package dev.wren.hardware.simulator.pi4j;

import java.util.function.Consumer;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;

import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimLine;

/** Pi4J digital inputs on the simulated board's lines; edges are dispatched as they happen. */
public final class SimDigitalInputProvider extends DigitalInputProviderBase {

    public static final String ID = "wren-sim-digital-input";

    private final SimBoard board;

    public SimDigitalInputProvider(SimBoard board) {
        super(ID, "Wren simulated digital input");
        this.board = board;
    }

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        Input in = new Input(this, config, board.line(config.address()));
        context.registry().add(in);
        return in;
    }

    private static final class Input extends DigitalInputBase {

        private final SimLine line;
        private final Consumer<Boolean> listener;

        Input(DigitalInputProvider provider, DigitalInputConfig config, SimLine line) {
            super(provider, config);
            this.line = line;
            this.listener = high -> dispatch(new DigitalStateChangeEvent<>(this, DigitalState.getState(high)));
            line.listen(listener);
        }

        @Override
        public DigitalState state() {
            return DigitalState.getState(line.high());
        }

        @Override
        public DigitalInput shutdown(Context context) throws ShutdownException {
            line.unlisten(listener);
            return super.shutdown(context);
        }
    }
}
