package dev.wren.power.internal;

import dev.wren.power.PowerMode;

/**
 * The modelled draw of a board with the actuators as docs/power.md recommends them for a gateway whose
 * uplink is on Wi-Fi: the CPU capped, both LEDs of a Raspberry Pi off and Bluetooth blocked in DEGRADED
 * and MINIMAL (Wi-Fi stays on: the uplink goes over it).
 */
final class ModelledDraw {

    static final int LEDS = 2;

    private ModelledDraw() {
    }

    static double savedW(PowerMode mode, BoardProfile board) {
        return mode == PowerMode.FULL ? 0 : LEDS * board.ledW() + board.cpuCapW() + board.radioW();
    }

    static double watts(Settings s, PowerMode mode) {
        return s.modelWatts(mode, s.board(null), savedW(mode, s.board(null)));
    }
}
