package dev.wren.hardware.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.pi4j.provider.Provider;

import dev.wren.hardware.simulator.pi4j.SimDigitalInputProvider;
import dev.wren.hardware.simulator.pi4j.SimDigitalOutputProvider;
import dev.wren.hardware.simulator.pi4j.SimI2CProvider;

/**
 * A simulated board: I2C buses holding chip models, GPIO lines, and the world they sense. Hand
 * {@link #providers()} to a Pi4J context builder and use Pi4J as on a real board.
 *
 * <p>Thread-safe: chips may be plugged, unplugged and faulted while drivers read them.
 */
public final class SimBoard {

    private final SimClock clock;
    private final long seed;
    private final Environment environment = new Environment();
    private final Vibration vibration;
    private final BatteryModel battery;
    private final Map<Long, SimDevice> devices = new ConcurrentHashMap<>();
    private final Map<Integer, SimLine> lines = new ConcurrentHashMap<>();
    private final List<Provider<?, ?, ?>> providers;

    /**
     * @param clock the time chips follow
     * @param seed  seeds every random process on the board (noise, corruption), for repeatable runs
     */
    public SimBoard(SimClock clock, long seed) {
        this.clock = clock;
        this.seed = seed;
        this.vibration = new Vibration(seed);
        this.battery = BatteryModel.typical(clock);
        this.providers = List.of(new SimI2CProvider(this), new SimDigitalInputProvider(this),
                new SimDigitalOutputProvider(this));
    }

    public SimClock clock() {
        return clock;
    }

    public long seed() {
        return seed;
    }

    public Environment environment() {
        return environment;
    }

    /** @return the machine the board's vibration sensors are mounted on */
    public Vibration vibration() {
        return vibration;
    }

    /** @return the cell the board runs from, as its fuel gauge and power monitor see it */
    public BatteryModel battery() {
        return battery;
    }

    /** @return the Pi4J providers of this board: I2C, digital input, digital output */
    public List<Provider<?, ?, ?>> providers() {
        return providers;
    }

    /**
     * Plugs a chip in.
     *
     * @throws IllegalStateException when the address is taken on that bus
     */
    public SimDevice plug(int bus, int address, I2CChip chip) {
        SimDevice d = new SimDevice(bus, address, chip, seed);
        if (devices.putIfAbsent(key(bus, address), d) != null) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "a chip is already plugged at 0x%02X on bus %d", address, bus));
        }
        return d;
    }

    /** Unplugs the chip at an address; transactions to it are not acknowledged any more. */
    public void unplug(int bus, int address) {
        devices.remove(key(bus, address));
    }

    /** @return the device at an address, if a chip is plugged there */
    public Optional<SimDevice> device(int bus, int address) {
        return Optional.ofNullable(devices.get(key(bus, address)));
    }

    /** @return every plugged device */
    public List<SimDevice> devices() {
        return List.copyOf(devices.values());
    }

    /** @return the GPIO line with that number (lines exist from first use, low) */
    public SimLine line(int number) {
        if (number < 0) {
            throw new IllegalArgumentException("GPIO line must not be negative, was " + number);
        }
        return lines.computeIfAbsent(number, SimLine::new);
    }

    private static long key(int bus, int address) {
        return ((long) bus << 16) | address;
    }
}
