package dev.wren.power.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * What a board draws, from published measurements (docs/power.md cites each), and what each
 * actuator is modelled to save on it. Wren's own work costs under 2 % of one core (measured, see
 * docs/benchmarks.md) and is not modelled: awake, a board draws its idle figure in every mode,
 * less what the actuators switch off.
 *
 * @param id       the {@code board.profile} value, as the hardware platform names its profiles
 * @param idleW    awake and idle, with its display output, LEDs and radios as shipped
 * @param haltW    halted in its lowest state; NaN when no measurement is published
 * @param rtcWakes whether the board as sold has a real-time clock that can power it back on
 * @param ledW     saved per LED switched off
 * @param cpuCapW  saved at idle by the powersave governor and a frequency cap
 * @param radioW   saved per radio (Wi-Fi, Bluetooth) soft-blocked
 * @param hdmiW    saved per HDMI output switched off
 */
record BoardProfile(String id, double idleW, double haltW, boolean rtcWakes, double ledW, double cpuCapW, double radioW,
        double hdmiW) {

    /** Raspberry Pi 4 Model B: 0.6 A idle and 0.023 A halted at 5.1 V (Raspberry Pi documentation); no real-time clock. */
    static final BoardProfile RASPBERRY_PI_4 = new BoardProfile("raspberrypi-4", 3.06, 0.117, false, 0.025, 0.2, 0.1, 0.125);
    /** Raspberry Pi 5: about 3 W idle; about 3 mA at 5.1 V halted with {@code POWER_OFF_ON_HALT=1}, woken by its RTC. */
    static final BoardProfile RASPBERRY_PI_5 = new BoardProfile("raspberrypi-5", 3.0, 0.015, true, 0.025, 0.2, 0.1, 0.125);
    /** An RK3588-class board (Radxa Rock 5C): 1.64 W idle at the wall; nothing published halted, no RTC assumed. */
    static final BoardProfile GENERIC_AARCH64 = new BoardProfile("generic-aarch64", 1.64, Double.NaN, false, 0.025, 0.1, 0.1, 0.125);

    static final BoardProfile[] ALL = {RASPBERRY_PI_4, RASPBERRY_PI_5, GENERIC_AARCH64};

    /** What {@code auto} takes when the hardware platform names no board or the simulated one. */
    static final BoardProfile FALLBACK = RASPBERRY_PI_4;

    /**
     * @return the profile named {@code id}, or null for {@code auto} (the hardware platform's)
     * @throws IllegalArgumentException naming the known profiles
     */
    static BoardProfile of(String id) {
        String s = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return null;
        }
        return find(s).orElseThrow(() -> new IllegalArgumentException(
                "board.profile: must be auto, raspberrypi-4, raspberrypi-5 or generic-aarch64, was '" + id + "'"));
    }

    /** @return the profile the hardware platform's {@code board.profile} names, if one has figures */
    static Optional<BoardProfile> find(Object platformProfile) {
        for (BoardProfile b : ALL) {
            if (b.id.equals(platformProfile)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
