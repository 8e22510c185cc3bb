package dev.wren.driver.max17048;

import java.util.List;
import java.util.Map;

import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/** The driver's reader at its default configuration, through Pi4J on a simulated board: for other bundles' tests. */
public final class Max17048Readers {

    private Max17048Readers() {
    }

    public static Sensor open(SimContext bus) {
        Max17048.Settings s = Max17048.Settings.of(RecordingBoard.config(Max17048.Config.class, Map.of()));
        Max17048Reader reader = new Max17048Reader(bus.open(s.bus(), s.address()), s);
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
