package dev.wren.driver.mpu6050;

import java.util.List;
import java.util.Locale;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import dev.wren.hardware.ChipClaim;
import dev.wren.hardware.ChipDriver;
import dev.wren.hardware.ChipSensor;
import dev.wren.power.PowerMode;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.Window;
import dev.wren.sensor.WindowSensor;

/**
 * An InvenSense MPU-6050 on I2C used as a vibration sensor: the accelerometer's three axes
 * captured through the chip's FIFO at up to 1 kHz, one window per sampling period (channels
 * {@code accel.x}, {@code accel.y}, {@code accel.z}, in g). One instance per chip.
 */
@Component(configurationPid = Mpu6050.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, WindowSensor.class, ConfigurableComponent.class},
        property = Sensor.KIND + "=mpu6050")
@Designate(ocd = Mpu6050.Config.class, factory = true)
public class Mpu6050 extends ChipSensor<Mpu6050.Settings, Mpu6050Reader> implements WindowSensor, ConfigurableComponent {

    public static final String PID = "dev.wren.driver.mpu6050.Mpu6050";

    @ObjectClassDefinition(id = PID, name = "Wren MPU-6050 (vibration)",
            description = "An InvenSense MPU-6050 accelerometer on an I2C bus of the board, read in windows through "
                    + "its FIFO. One instance per chip.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "vibration";

        @AttributeDefinition(name = "I2C bus", min = "0", max = "31", description = "Bus number: /dev/i2c-N. 1 on a Raspberry Pi header.")
        int i2c_bus() default 1;

        @AttributeDefinition(name = "I2C address", description = "0x68 (AD0 to GND) or 0x69 (AD0 to VDD).",
                options = {@Option(label = "0x68", value = "0x68"), @Option(label = "0x69", value = "0x69")})
        String i2c_address() default "0x68";

        @AttributeDefinition(name = "Sample rate (Hz)",
                description = "Accelerometer samples per second: 1000 divided by a whole number (1000, 500, 250, 200, "
                        + "125, 100, 50, 40, 25, 20, 10, 8, 5, 4). Twice the highest frequency of interest, at least.",
                options = {@Option(label = "1000", value = "1000"), @Option(label = "500", value = "500"), @Option(label = "250", value = "250"), @Option(label = "200", value = "200"),
                    @Option(label = "125", value = "125"), @Option(label = "100", value = "100"), @Option(label = "50", value = "50"), @Option(label = "40", value = "40"),
                    @Option(label = "25", value = "25"), @Option(label = "20", value = "20"), @Option(label = "10", value = "10"), @Option(label = "8", value = "8"),
                    @Option(label = "5", value = "5"), @Option(label = "4", value = "4")})
        int sample_rate_hz() default 1000;

        @AttributeDefinition(name = "Accelerometer range (g)", description = "Full scale: +-2, 4, 8 or 16 g. "
                + "A smaller range resolves finer; a larger one does not clip shocks.",
                options = {@Option(label = "+-2 g", value = "2"), @Option(label = "+-4 g", value = "4"),
                        @Option(label = "+-8 g", value = "8"), @Option(label = "+-16 g", value = "16")})
        int accel_range_g() default 4;

        @AttributeDefinition(name = "Low-pass filter (DLPF_CFG)", min = "0", max = "6",
                description = "The chip's digital low-pass filter: the accelerometer bandwidth it leaves. Keep it below "
                        + "half the sample rate against aliasing.",
                options = {@Option(label = "0: 260 Hz", value = "0"), @Option(label = "1: 184 Hz", value = "1"),
                        @Option(label = "2: 94 Hz", value = "2"), @Option(label = "3: 44 Hz", value = "3"),
                        @Option(label = "4: 21 Hz", value = "4"), @Option(label = "5: 10 Hz", value = "5"),
                        @Option(label = "6: 5 Hz", value = "6")})
        int dlpf() default 1;

        @AttributeDefinition(name = "Window in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two windows in FULL mode, in milliseconds, which is also the window length; "
                        + "0 = not read. The FIFO holds 170 samples: at most 153 ms at 1000 Hz.")
        long sampling_period_full_ms() default 100;

        @AttributeDefinition(name = "Window in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two windows in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 150;

        @AttributeDefinition(name = "Window in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two windows in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 0;
    }

    /**
     * A validated configuration.
     *
     * @param divider SMPLRT_DIV: the gyro output rate (8 kHz with DLPF_CFG 0, else 1 kHz) divided by
     *                {@code 1 + divider} gives the sample rate
     * @param range   AFS_SEL, 0 to 3 for +-2 to 16 g
     */
    record Settings(String id, int bus, int address, int rateHz, int divider, int dlpf, int range) implements ChipDriver.Target {

        /** Frames the 1024-byte FIFO holds, 6 bytes each. */
        static final int FIFO_FRAMES = 1024 / 6;

        /** Share of the FIFO a period may fill: the rest absorbs a late read. */
        static final double FIFO_SHARE = 0.9;

        private static final List<Integer> RANGES = List.of(2, 4, 8, 16);

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            SamplingPeriods periods = new SamplingPeriods(c.sampling_period_full_ms(),
                    c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            if (c.i2c_bus() < 0 || c.i2c_bus() > 31) {
                throw new IllegalArgumentException("i2c.bus: must be 0 to 31, was " + c.i2c_bus());
            }
            int address = ChipClaim.address("i2c.address", c.i2c_address(), 0x68, 0x69);
            if (c.dlpf() < 0 || c.dlpf() > 6) {
                throw new IllegalArgumentException("dlpf: must be 0 to 6, was " + c.dlpf());
            }
            int rate = c.sample_rate_hz();
            int gyroKHz = c.dlpf() == 0 ? 8 : 1;
            if (rate <= 0 || 1000 % rate != 0 || gyroKHz * 1000 / rate > 256) {
                throw new IllegalArgumentException("sample.rate.hz: must be 1000 divided by a whole number, from "
                        + (c.dlpf() == 0 ? "40 (with dlpf 0)" : "4") + " to 1000 Hz, was " + rate);
            }
            int range = RANGES.indexOf(c.accel_range_g());
            if (range < 0) {
                throw new IllegalArgumentException("accel.range.g: must be 2, 4, 8 or 16, was " + c.accel_range_g());
            }
            long limit = maxPeriodMillis(rate);
            for (PowerMode mode : PowerMode.values()) {
                long ms = periods.of(mode);
                if (ms > limit) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s: at %d Hz the FIFO overflows after %d ms (%d samples); the period must be at most %d ms, "
                                    + "was %d", Sensor.periodProperty(mode), rate, FIFO_FRAMES * 1000L / rate,
                            FIFO_FRAMES, limit, ms));
                }
            }
            return new Settings(c.sensor_id(), c.i2c_bus(), address, rate, gyroKHz * 1000 / rate - 1, c.dlpf(), range);
        }

        /** @return the longest period whose window fills at most {@link #FIFO_SHARE} of the FIFO */
        static long maxPeriodMillis(int rateHz) {
            return (long) Math.floor(FIFO_FRAMES * FIFO_SHARE * 1000 / rateHz);
        }

        /** @return accelerometer counts per g at the configured range */
        int countsPerG() {
            return 16384 >> range;
        }
    }

    @Activate
    void activate(Config config) {
        start("mpu6050", Settings.of(config), Mpu6050Reader::new);
    }

    @Modified
    void modified(Config config) {
        reconfigure(() -> Settings.of(config));
    }

    @Override
    public Window readWindow() throws SensorException {
        return readChip(Mpu6050Reader::readWindow);
    }

    /**
     * @return per axis, with gravity and any offset (the window's mean) removed:
     *         {@code accel.<axis>.rms}, {@code accel.<axis>.peak} and, when the RMS is not 0,
     *         {@code accel.<axis>.crest} (peak / RMS, 1.4 for a sine, high for impacts); empty for an
     *         empty window
     */
    @Override
    public List<Reading> summarize(Window window) {
        return WindowStatistics.summarize(window);
    }
}
