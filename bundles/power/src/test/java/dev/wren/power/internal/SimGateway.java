package dev.wren.power.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wren.driver.bme280.Bme280Readers;
import dev.wren.driver.ina219.Ina219Readers;
import dev.wren.driver.max17048.Max17048Readers;
import dev.wren.hardware.simulator.BatteryModel;
import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.SimDevice;
import dev.wren.hardware.simulator.chips.Bme280Chip;
import dev.wren.hardware.simulator.chips.Ina219Chip;
import dev.wren.hardware.simulator.chips.Max17048Chip;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * The gateway's power hardware on a simulated board, read by the real drivers' readers through
 * Pi4J: a MAX17048 on a 10 000 mAh cell (37 Wh at 3.7 V, 20 milliohms, full), an INA219 on a
 * 0.1 ohm shunt in the supply line (bus voltage = the cell's terminal voltage, current = the
 * gateway's load) and a BME280 in the enclosure's air, all on I2C bus 1 at their default
 * addresses. Time is a {@link ManualClock}; the drivers' waits for a conversion pass on it.
 */
final class SimGateway implements AutoCloseable {

    final ManualClock clock = new ManualClock();
    final SimBoard board = new SimBoard(clock, 1);
    final BatteryModel battery = new BatteryModel(clock, 10_000, 0.02, 1.0);
    private final SimContext bus = new SimContext(board);
    private final List<Sensor> sensors;

    /** @param mains true: a charger feeds the load and keeps the cell full; false: the cell feeds it */
    SimGateway(boolean mains) {
        battery.externalPower(mains);
        board.plug(1, 0x36, new Max17048Chip(battery));
        board.plug(1, 0x40, new ConversionTime(
                new Ina219Chip(clock, 0.1, battery::terminalVolts, battery::loadCurrentA), clock));
        board.plug(1, 0x76, new Bme280Chip(clock, board.environment()));
        sensors = List.of(Max17048Readers.open(bus), Ina219Readers.open(bus), Bme280Readers.open(bus, clock));
    }

    /** Moves the board's clock to {@code millis} after its start (past the drivers' waits so far). */
    void at(long millis) {
        clock.advance(Duration.ofNanos(millis * 1_000_000 - clock.nanos()));
    }

    /**
     * The gateway draws {@code watts} from now on: a constant-power load at the cell's terminal
     * voltage, which itself sags with the load, so the current is set again at every step.
     */
    void draw(double watts) {
        battery.loadCurrentA(watts / battery.terminalVolts());
    }

    /** @return every sensor's readings, stamped {@code at}: the drivers stamp the system's time, not the board's */
    List<Reading> read(long at) throws SensorException {
        List<Reading> out = new ArrayList<>();
        for (Sensor s : sensors) {
            for (Reading r : s.read()) {
                out.add(new Reading(r.sensor(), r.quantity(), r.value(), r.unit(), at));
            }
        }
        return out;
    }

    /** @return I2C transactions the chips answered */
    long transactions() {
        return board.devices().stream().mapToLong(SimDevice::transactions).sum();
    }

    @Override
    public void close() {
        bus.close();
    }
}
