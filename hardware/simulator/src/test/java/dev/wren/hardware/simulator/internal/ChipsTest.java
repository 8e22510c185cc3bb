package dev.wren.hardware.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.chips.Ads1115Chip;
import dev.wren.hardware.simulator.chips.Mpu6050Chip;

class ChipsTest {

    @Test
    void entriesNameKindBusAndAddress() {
        assertEquals(new Chips.Plug("mpu6050", 1, 0x68), Chips.parse(" MPU6050@1:0x68 "));
        assertEquals(new Chips.Plug("ads1115", 0, 72), Chips.parse("ads1115@0:72"));
        SimBoard board = new SimBoard(new ManualClock(), 1);
        assertTrue(Chips.create(Chips.parse("mpu6050@1:0x68"), board) instanceof Mpu6050Chip);
        assertTrue(Chips.create(Chips.parse("ads1115@1:0x48"), board) instanceof Ads1115Chip);
    }

    @Test
    void aKindWrenDoesNotShipIsLeftToAChipModel() {
        Chips.Plug p = Chips.parse("sht31@1:0x44");
        assertEquals(new Chips.Plug("sht31", 1, 0x44), p);
        assertTrue(!Chips.builtIn(p.kind()) && Chips.builtIn("bme280"));
    }

    @Test
    void refusalsNameTheProperty() {
        for (String bad : new String[] {"bme280@1", "bme280@x:0x76", "bme280:1@0x76", "sht-31@1:0x44"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> Chips.parse(bad)).getMessage();
            assertTrue(m.startsWith("chips: entries are <kind>@<bus>:<address> with kind one of bme280, mpu6050, ina219, "
                    + "max17048, ads1115 or a chip model's sim.chip.kind"), m);
            assertTrue(m.endsWith("was '" + bad + "'"), m);
        }
    }
}
