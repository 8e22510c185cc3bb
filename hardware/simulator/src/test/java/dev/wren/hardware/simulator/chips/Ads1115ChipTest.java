package dev.wren.hardware.simulator.chips;

import static dev.wren.hardware.simulator.chips.Ads1115Chip.CONFIG;
import static dev.wren.hardware.simulator.chips.Ads1115Chip.CONVERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.ManualClock;

class Ads1115ChipTest {

    private final ManualClock clock = new ManualClock();
    private final Ads1115Chip chip = new Ads1115Chip(clock);

    @Test
    void resetValues() {
        assertEquals(0x8583, Words.read(chip, CONFIG));
        assertEquals(0x8000, Words.read(chip, Ads1115Chip.LO_THRESH));
        assertEquals(0x7FFF, Words.read(chip, Ads1115Chip.HI_THRESH));
        assertEquals(0, Words.read(chip, CONVERSION));
    }

    @Test
    void singleShotTakesOnePeriodOfTheDataRateWithOsLow() {
        chip.input(2, 1.0);
        int config = 0x8000 | 0b110 << 12 | 0b001 << 9 | 0x0100 | 0b100 << 5 | 3;
        Words.write(chip, CONFIG, config);
        assertEquals(config & 0x7FFF, Words.read(chip, CONFIG), "OS reads 0 while converting");
        clock.advance(Duration.ofNanos(1_000_000_000L / 128 - 1));
        assertEquals(0, Words.read(chip, CONFIG) >> 15);
        assertEquals(0, Words.read(chip, CONVERSION));
        clock.advance(Duration.ofNanos(1));
        assertEquals(1, Words.read(chip, CONFIG) >> 15);
        assertEquals(8000, Words.signed(chip, CONVERSION), "1 V at +-4.096 V");
        chip.input(2, 2.0);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(8000, Words.signed(chip, CONVERSION), "no conversion without OS");
    }

    @Test
    void codesAtEveryGain() {
        chip.input(0, 0.2);
        int[] expected = {1067, 1600, 3200, 6400, 12_800, 25_600, 25_600, 25_600};
        for (int pga = 0; pga < 8; pga++) {
            assertEquals(expected[pga], convert(0b100, pga), "PGA " + pga);
        }
    }

    @Test
    void clipsAtFullScaleAndReadsNegativeDifferences() {
        chip.input(0, 0.3);
        chip.input(1, 0.5);
        assertEquals(Short.MAX_VALUE, convert(0b100, 5));
        assertEquals(-3200, convert(0b000, 2), "AIN0 - AIN1 = -0.2 V at +-2.048 V");
        chip.input(0, 0.0);
        assertEquals(Short.MIN_VALUE, convert(0b000, 5), "-0.5 V at +-0.256 V");
        chip.input(0, 0.3);
        chip.input(3, 0.1);
        assertEquals(3200, convert(0b010, 1), "AIN1 - AIN3 = 0.4 V at +-4.096 V");
    }

    @Test
    void continuousModeConvertsAtTheDataRate() {
        double[] v = {0.5};
        chip.input(1, () -> v[0]);
        Words.write(chip, CONFIG, 0b101 << 12 | 0b010 << 9 | 0b111 << 5 | 3);
        assertEquals(0, Words.read(chip, CONFIG) >> 15);
        clock.advance(Duration.ofNanos(Ads1115Chip.conversionNanos(7)));
        assertEquals(8000, Words.signed(chip, CONVERSION));
        v[0] = 1.0;
        clock.advance(Duration.ofNanos(Ads1115Chip.conversionNanos(7) / 2));
        assertEquals(8000, Words.signed(chip, CONVERSION));
        clock.advance(Duration.ofNanos(Ads1115Chip.conversionNanos(7)));
        assertEquals(16_000, Words.signed(chip, CONVERSION));
    }

    @Test
    void conversionTimesFollowTheDataRate() {
        assertEquals(125_000_000L, Ads1115Chip.conversionNanos(0));
        assertEquals(1_162_790L, Ads1115Chip.conversionNanos(7));
    }

    private int convert(int mux, int pga) {
        Words.write(chip, CONFIG, 0x8000 | mux << 12 | pga << 9 | 0x0100 | 0b111 << 5 | 3);
        clock.advance(Duration.ofMillis(2));
        assertEquals(1, Words.read(chip, CONFIG) >> 15);
        return Words.signed(chip, CONVERSION);
    }
}
