package dev.wren.hardware.platform;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.IOConfig;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;

import dev.wren.hardware.Board;
import dev.wren.hardware.BoardProfile;

/** A {@link Board} over one Pi4J context, keeping who claimed which address and line. */
final class ContextBoard implements Board {

    private final Context context;
    private final BoardProfile profile;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<Object, String> claims = new IdentityHashMap<>();
    private boolean closed;
    private long opened;

    ContextBoard(Context context, BoardProfile profile) {
        this.context = context;
        this.profile = profile;
    }

    @Override
    public BoardProfile profile() {
        return profile;
    }

    @Override
    public I2C i2c(int bus, int address, String owner) {
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "I2C address 0x%02X is not a 7-bit device address (0x03 to 0x77)", address));
        }
        if (!profile.i2cBuses().contains(bus)) {
            throw new IllegalArgumentException("I2C bus " + bus + " is not on this board (" + profile.name()
                    + " has " + profile.i2cBuses() + "; set i2c.buses of the platform to use others)");
        }
        String key = String.format(Locale.ROOT, "i2c-%d-0x%02x", bus, address);
        claim(key, owner, String.format(Locale.ROOT, "I2C address 0x%02X on bus %d", address, bus));
        return open(key, IOType.I2C, id -> I2C.newConfigBuilder(context).id(id).bus(bus).device(address).build());
    }

    @Override
    public DigitalInput input(int line, PullResistance pull, long debounceMicros, String owner) {
        return open(line(line, owner), IOType.DIGITAL_INPUT, id -> DigitalInput.newConfigBuilder(context).id(id).address(line)
                .pull(pull).debounce(debounceMicros).build());
    }

    @Override
    public DigitalOutput output(int line, DigitalState initial, DigitalState shutdown, String owner) {
        return open(line(line, owner), IOType.DIGITAL_OUTPUT, id -> DigitalOutput.newConfigBuilder(context).id(id).address(line)
                .initial(initial).shutdown(shutdown).build());
    }

    /**
     * Creates the I/O for a claimed key under a fresh Pi4J id (Pi4J refuses an id it has seen in
     * the context until its shutdown completes) and records it; a failure ends the claim.
     */
    private <T extends IO<?, ?, ?>> T open(String key, IOType type, Function<String, IOConfig<?>> config) {
        try {
            T io = context.create(config.apply(ioId(key)), type);
            synchronized (this) {
                claims.put(io, key);
            }
            return io;
        } catch (RuntimeException | LinkageError e) {
            unclaim(key);
            throw e;
        }
    }

    private String line(int line, String owner) {
        if (line < 0) {
            throw new IllegalArgumentException("GPIO line must not be negative, was " + line);
        }
        String key = "gpio-" + line;
        claim(key, owner, "GPIO line " + line);
        return key;
    }

    private synchronized String ioId(String key) {
        return key + "-" + (++opened);
    }

    private synchronized void claim(String key, String owner, String what) {
        if (closed) {
            throw new IllegalStateException("the board is shutting down");
        }
        String holder = owners.putIfAbsent(key, owner);
        if (holder != null) {
            throw new IllegalStateException(what + " is already used by " + holder);
        }
    }

    private synchronized void unclaim(String key) {
        owners.remove(key);
    }


    @Override
    public void release(Object io) {
        String key;
        synchronized (this) {
            key = claims.remove(io);
            if (key == null) {
                return;
            }
            owners.remove(key);
        }
        try {
            context.shutdown(((IO<?, ?, ?>) io).id());
        } catch (RuntimeException e) {
            // already gone from the registry (context shutting down)
        }
    }

    /** Ends every claim; the platform then shuts the context down. */
    synchronized void close() {
        closed = true;
        claims.clear();
        owners.clear();
    }

}
