package dev.wren.driver.gpio;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;

import dev.wren.hardware.Board;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

/** An opened line: the Pi4J input or output, and the active edges seen since the last read. */
final class GpioLine {

    private final Board board;
    private final DigitalInput input;
    private final DigitalOutput output;
    private final AtomicLong activations = new AtomicLong();
    private final DigitalStateChangeListener listener;
    private volatile Gpio.Settings settings;

    private GpioLine(Board board, Gpio.Settings s) {
        this.board = board;
        this.settings = s;
        String owner = "gpio '" + s.id() + "'";
        if (s.output()) {
            output = board.output(s.line(), level(s, s.outputActive()), level(s, false), owner);
            input = null;
            listener = null;
        } else {
            PullResistance pull = switch (s.pull()) {
                case "up" -> PullResistance.PULL_UP;
                case "down" -> PullResistance.PULL_DOWN;
                default -> PullResistance.OFF;
            };
            input = board.input(s.line(), pull, s.debounceUs(), owner);
            output = null;
            listener = event -> {
                if (event.state() == level(settings, true)) {
                    activations.incrementAndGet();
                }
            };
            input.addListener(listener);
        }
    }

    static GpioLine open(Board board, Gpio.Settings s) {
        return new GpioLine(board, s);
    }

    private static DigitalState level(Gpio.Settings s, boolean active) {
        return DigitalState.getState(active != s.activeLow());
    }

    /** New settings for the same line: the output follows its configured state. */
    void settings(Gpio.Settings s) {
        settings = s;
        if (output != null) {
            output.state(level(s, s.outputActive()));
        }
    }

    List<Reading> read() throws SensorException {
        Gpio.Settings s = settings;
        long now = System.currentTimeMillis();
        try {
            if (output != null) {
                return List.of(new Reading(s.id(), s.quantity(), output.state() == level(s, true) ? 1 : 0, "", now));
            }
            boolean active = input.state() == level(s, true);
            return List.of(new Reading(s.id(), s.quantity(), active ? 1 : 0, "", now),
                    new Reading(s.id(), s.quantity() + ".activations", activations.getAndSet(0), "", now));
        } catch (RuntimeException e) {
            throw new SensorException(Fault.BUS_ERROR, "GPIO line " + s.line() + ": " + e.getMessage(), e);
        }
    }

    void close() {
        if (input != null) {
            input.removeListener(listener);
            board.release(input);
        } else {
            board.release(output);
        }
    }
}
