package dev.wren.driver.mpu6050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.wren.sensor.Reading;
import dev.wren.sensor.Window;

class WindowStatisticsTest {

    @Test
    void figuresAreAboutTheMean() {
        int n = 1000;
        float[] s = new float[3 * n];
        for (int i = 0; i < n; i++) {
            s[3 * i] = (float) (0.5 * Math.sin(2 * Math.PI * 30 * i / 1000.0));
            s[3 * i + 1] = i % 100 == 0 ? 1f : 0f;
            s[3 * i + 2] = 1f;
        }
        Window w = new Window("v", Mpu6050Reader.CHANNELS, "g", 1234, 1000, s);
        List<Reading> readings = WindowStatistics.summarize(w);
        Map<String, Double> v = readings.stream().collect(Collectors.toMap(Reading::quantity, Reading::value));
        assertEquals(0.5 / Math.sqrt(2), v.get("accel.x.rms"), 1e-4);
        assertEquals(0.5, v.get("accel.x.peak"), 1e-4);
        assertEquals(Math.sqrt(2), v.get("accel.x.crest"), 1e-3);
        assertTrue(v.get("accel.y.crest") > 9, "an impact every 100 samples");
        assertEquals(0.0, v.get("accel.z.rms"), "gravity is not vibration");
        assertEquals(null, v.get("accel.z.crest"));
        assertEquals(8, readings.size());
        assertTrue(readings.stream().allMatch(r -> r.timestamp() == 1234 && r.sensor().equals("v")));
        assertEquals("", readings.stream().filter(r -> r.quantity().endsWith("crest")).findFirst().orElseThrow().unit());
    }

    @Test
    void anEmptyWindowHasNoFigures() {
        assertEquals(List.of(), WindowStatistics.summarize(new Window("v", Mpu6050Reader.CHANNELS, "g", 0, 1000, new float[0])));
    }
}
