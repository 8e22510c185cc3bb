package dev.wren.power.internal;

import dev.wren.power.PowerMode;

/**
 * The modelled draw of a board with the actuators as docs/power.md recommends them: the CPU capped
 * and both LEDs of a Raspberry Pi off in DEGRADED and MINIMAL.
 */
final class ModelledDraw {

    static final int LEDS = 2;

    private ModelledDraw() {
    }

    static double savedW(PowerMode mode, BoardProfile board) {
        return mode == PowerMode.FULL ? 0 : LEDS * board.ledW() + board.cpuCapW();
    }

    static double watts(Settings s, PowerMode mode) {
        return s.modelWatts(mode, s.board(null), savedW(mode, s.board(null)));
    }
}
