package dev.wren.driver.ads1115;

import java.util.ArrayList;
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
import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * A TI ADS1115 16-bit ADC on I2C: the voltage of each configured single-ended input (AINx
 * against ground), scaled, in V; one single-shot conversion per input per read. One instance
 * per chip.
 */
@Component(configurationPid = Ads1115.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, ConfigurableComponent.class}, property = Sensor.KIND + "=ads1115")
@Designate(ocd = Ads1115.Config.class, factory = true)
public class Ads1115 extends ChipSensor<Ads1115.Settings, Ads1115Reader> implements ConfigurableComponent {

    public static final String PID = "dev.wren.driver.ads1115.Ads1115";

    @ObjectClassDefinition(id = PID, name = "Wren ADS1115 (analog inputs)",
            description = "A TI ADS1115 16-bit ADC on an I2C bus of the board, its inputs read against ground. One instance per chip.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "adc";

        @AttributeDefinition(name = "I2C bus", min = "0", max = "31", description = "Bus number: /dev/i2c-N. 1 on a Raspberry Pi header.")
        int i2c_bus() default 1;

        @AttributeDefinition(name = "I2C address", description = "Set by the ADDR pin: 0x48 to GND, 0x49 to VDD, 0x4A to SDA, 0x4B to SCL.",
                options = {@Option(label = "0x48", value = "0x48"), @Option(label = "0x49", value = "0x49"),
                    @Option(label = "0x4A", value = "0x4A"), @Option(label = "0x4B", value = "0x4B")})
        String i2c_address() default "0x48";

        @AttributeDefinition(name = "Channels", description = "Inputs read, comma separated, from 0 (AIN0) to 3 (AIN3).")
        String channels() default "0,1,2,3";

        @AttributeDefinition(name = "Full scale (V)", description = "Input range +- this many volts (the PGA). Inputs must also stay "
                + "within GND and VDD + 0.3 V whatever the range.",
                options = {@Option(label = "6.144 V", value = "6.144"), @Option(label = "4.096 V", value = "4.096"),
                    @Option(label = "2.048 V", value = "2.048"), @Option(label = "1.024 V", value = "1.024"),
                    @Option(label = "0.512 V", value = "0.512"), @Option(label = "0.256 V", value = "0.256")})
        double full_scale_v() default 4.096;

        @AttributeDefinition(name = "Data rate (samples/s)", description = "Conversions per second: a conversion takes 1/rate s "
                + "(125 ms at 8, 7.8 ms at 128, 1.2 ms at 860); slower rates filter more noise.",
                options = {@Option(label = "8", value = "8"), @Option(label = "16", value = "16"), @Option(label = "32", value = "32"),
                    @Option(label = "64", value = "64"), @Option(label = "128", value = "128"), @Option(label = "250", value = "250"),
                    @Option(label = "475", value = "475"), @Option(label = "860", value = "860")})
        int data_rate_sps() default 128;

        @AttributeDefinition(name = "AIN0 quantity", description = "Name of AIN0's reading: lower case, dotted (e.g. solar.voltage).")
        String ain0_quantity() default "ain0";

        @AttributeDefinition(name = "AIN0 scale", min = "-1000000", max = "1000000", description = "AIN0's volts are multiplied by this (2.0 behind a 1:1 divider).")
        double ain0_scale() default 1.0;

        @AttributeDefinition(name = "AIN1 quantity", description = "Name of AIN1's reading: lower case, dotted.")
        String ain1_quantity() default "ain1";

        @AttributeDefinition(name = "AIN1 scale", min = "-1000000", max = "1000000", description = "AIN1's volts are multiplied by this.")
        double ain1_scale() default 1.0;

        @AttributeDefinition(name = "AIN2 quantity", description = "Name of AIN2's reading: lower case, dotted.")
        String ain2_quantity() default "ain2";

        @AttributeDefinition(name = "AIN2 scale", min = "-1000000", max = "1000000", description = "AIN2's volts are multiplied by this.")
        double ain2_scale() default 1.0;

        @AttributeDefinition(name = "AIN3 quantity", description = "Name of AIN3's reading: lower case, dotted.")
        String ain3_quantity() default "ain3";

        @AttributeDefinition(name = "AIN3 scale", min = "-1000000", max = "1000000", description = "AIN3's volts are multiplied by this.")
        double ain3_scale() default 1.0;

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in FULL mode, in milliseconds; 0 = not read; else 10 to 86400000.")
        long sampling_period_full_ms() default 10_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 60_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 300_000;
    }

    /**
     * A validated configuration.
     *
     * @param pga the PGA code (0 = +-6.144 V .. 5 = +-0.256 V)
     * @param dr  the data-rate code (0 = 8 .. 7 = 860 samples/s)
     */
    record Settings(String id, int bus, int address, List<Channel> channels, int pga, int dr) implements ChipDriver.Target {

        static final double[] FULL_SCALE = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
        static final int[] RATES = {8, 16, 32, 64, 128, 250, 475, 860};

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            if (c.i2c_bus() < 0 || c.i2c_bus() > 31) {
                throw new IllegalArgumentException("i2c.bus: must be 0 to 31, was " + c.i2c_bus());
            }
            int address = ChipClaim.address("i2c.address", c.i2c_address(), 0x48, 0x49, 0x4A, 0x4B);
            int pga = 0;
            while (pga < FULL_SCALE.length && Math.abs(FULL_SCALE[pga] - c.full_scale_v()) > 1e-6) {
                pga++;
            }
            if (pga == FULL_SCALE.length) {
                throw new IllegalArgumentException("full.scale.v: must be 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256, was "
                        + c.full_scale_v());
            }
            int dr = 0;
            while (dr < RATES.length && RATES[dr] != c.data_rate_sps()) {
                dr++;
            }
            if (dr == RATES.length) {
                throw new IllegalArgumentException("data.rate.sps: must be 8, 16, 32, 64, 128, 250, 475 or 860, was "
                        + c.data_rate_sps());
            }
            String[] quantities = {c.ain0_quantity(), c.ain1_quantity(), c.ain2_quantity(), c.ain3_quantity()};
            double[] scales = {c.ain0_scale(), c.ain1_scale(), c.ain2_scale(), c.ain3_scale()};
            return new Settings(c.sensor_id(), c.i2c_bus(), address, channels(c.channels(), quantities, scales), pga, dr);
        }

        private static List<Channel> channels(String list, String[] quantities, double[] scales) {
            List<Channel> out = new ArrayList<>();
            for (String item : list.split(",", -1)) {
                String t = item.trim();
                if (!t.matches("[0-3]")) {
                    throw new IllegalArgumentException("channels: must be inputs 0 to 3, comma separated, was '" + list + "'");
                }
                int in = Integer.parseInt(t);
                String q = quantities[in].trim();
                if (!q.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
                    throw new IllegalArgumentException("ain" + in + ".quantity: must be lower case letters, digits and '_', "
                            + "dotted, starting with a letter, was '" + q + "'");
                }
                if (!(Double.isFinite(scales[in]) && scales[in] != 0)) {
                    throw new IllegalArgumentException("ain" + in + ".scale: must be a non-zero number, was " + scales[in]);
                }
                for (Channel other : out) {
                    if (other.input() == in) {
                        throw new IllegalArgumentException("channels: input " + in + " is listed twice in '" + list + "'");
                    }
                    if (other.quantity().equals(q)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "ain%d.quantity: '%s' is already the quantity of AIN%d", in, q, other.input()));
                    }
                }
                out.add(new Channel(in, q, scales[in]));
            }
            return List.copyOf(out);
        }

        /** @return the full-scale range in V */
        double fullScale() {
            return FULL_SCALE[pga];
        }

        /** @return how long one conversion takes at the configured data rate, in ns */
        long conversionNanos() {
            return 1_000_000_000L / RATES[dr];
        }
    }

    @Activate
    void activate(Config config) {
        start("ads1115", Settings.of(config), Ads1115Reader::new);
    }

    @Modified
    void modified(Config config) {
        reconfigure(() -> Settings.of(config));
    }

    @Override
    public List<Reading> read() throws SensorException {
        return readChip(Ads1115Reader::read);
    }
}
