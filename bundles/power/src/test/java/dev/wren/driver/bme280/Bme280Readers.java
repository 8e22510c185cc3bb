package dev.wren.driver.bme280;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * The driver's reader at its default configuration, through Pi4J on a simulated board whose
 * clock only moves when told: the reader's waits for a measurement advance that clock instead of
 * parking the thread. For other bundles' tests.
 */
public final class Bme280Readers {

    private Bme280Readers() {
    }

    public static Sensor open(SimContext bus, ManualClock clock) {
        Bme280.Settings s = Bme280.Settings.of(RecordingBoard.config(Bme280.Config.class, Map.of()));
        Bme280Reader reader = new Bme280Reader(bus.open(s.bus(), s.address()), s,
                nanos -> clock.advance(Duration.ofNanos(nanos)));
        return new Sensor() {
            @Override
            public String id() {
                return s.id();
            }

            @Override
            public List<Reading> read() throws SensorException {
                return reader.read();
            }
        };
    }
}
