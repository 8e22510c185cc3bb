package dev.wren.hardware;

import java.util.function.Supplier;

import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * Base of a Declarative Services component that drives one I2C chip as a {@link Sensor}: it
 * holds the {@link Board} and logger references and a {@link ChipDriver}, so a driver component
 * only parses its configuration and names its chip protocol:
 * <pre>
 * &#64;Activate void activate(Config c) { start("bme280", Settings.of(c), Bme280Reader::new); }
 * &#64;Modified void modified(Config c) { reconfigure(() -&gt; Settings.of(c)); }
 * public List&lt;Reading&gt; read() throws SensorException { return readChip(Bme280Reader::read); }
 * </pre>
 * The references are inherited annotations: build the driver with bnd's
 * {@code -dsannotations-options: inherit}. Wren's own drivers do; a third party's driver holds a
 * {@link ChipDriver} itself instead (plain DS, no bnd option: see docs/extending.md).
 *
 * @param <S> the driver's validated settings
 * @param <R> the chip protocol those settings configure
 */
public abstract class ChipSensor<S extends ChipDriver.Target, R> implements Sensor {

    @Reference
    protected Board board;

    @Reference(service = LoggerFactory.class)
    protected Logger log;

    private ChipDriver<S, R> chip;

    /** Starts with valid settings: call from the component's activate method. */
    protected final void start(String kind, S settings, ChipDriver.Protocol<S, R> protocol) {
        chip = new ChipDriver<>(board, kind, settings, protocol, log);
    }

    /** Applies a new configuration, or logs its refusal and keeps the last good one: call from modified. */
    protected final void reconfigure(Supplier<S> parse) {
        chip.reconfigure(parse);
    }

    /** @return the configuration in force */
    protected final S settings() {
        return chip.settings();
    }

    /** Reads through the chip protocol (see {@link ChipDriver#read}). */
    protected final <T> T readChip(ChipDriver.Read<R, T> read) throws SensorException {
        return chip.read(read);
    }

    /** Releases the chip once a read in progress is done. */
    @Deactivate
    public void deactivate() {
        chip.close();
    }

    @Override
    public String id() {
        return chip.settings().id();
    }
}
