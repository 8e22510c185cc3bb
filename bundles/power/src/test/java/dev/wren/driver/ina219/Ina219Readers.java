package dev.wren.driver.ina219;

import java.util.List;
import java.util.Map;

import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/** The driver's reader at its default configuration, through Pi4J on a simulated board: for other bundles' tests. */
public final class Ina219Readers {

    private Ina219Readers() {
    }

    public static Sensor open(SimContext bus) {
        Ina219.Settings s = Ina219.Settings.of(RecordingBoard.config(Ina219.Config.class, Map.of()));
        Ina219Reader reader = new Ina219Reader(bus.open(s.bus(), s.address()), s);
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
