package dev.wren.hardware;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import dev.wren.sensor.SensorException;

/**
 * The life of one I2C chip driver instance, the same for every chip: the configuration in force,
 * the chip claimed through a {@link ChipClaim}, and the chip protocol object, built at the first
 * read after a start or a change of configuration (so it checks the chip again). A driver
 * component holds one and delegates its activate, modified, deactivate and read to it.
 *
 * <p>Thread-safe: the sampler reads while Configuration Admin reconfigures.
 *
 * @param <S> the driver's validated settings
 * @param <R> the chip protocol (reader) those settings configure
 */
public final class ChipDriver<S extends ChipDriver.Target, R> {

    /** What every chip driver's settings name: the sensor, and where its chip is. */
    public interface Target {
        String id();

        int bus();

        int address();
    }

    /** Builds the protocol object for a claimed chip. */
    @FunctionalInterface
    public interface Protocol<S, R> {
        R open(I2CRegisters chip, S settings);
    }

    /** One read through the protocol object. */
    @FunctionalInterface
    public interface Read<R, T> {
        T apply(R reader) throws SensorException;
    }

    private final String kind;
    private final ChipClaim claim;
    private final Protocol<S, R> protocol;
    private final Logger log;
    private volatile S settings;
    private volatile R reader;
    /** Reads share it; a new target or a stop waits for the read in progress before letting the chip go. */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();

    /**
     * Starts with valid settings and tries to claim the chip at once; a refusal (another driver
     * holds it, the board has no such bus) is logged and every read reports it until the claim
     * succeeds.
     *
     * @param kind the chip, for owners and messages: {@code bme280}
     */
    public ChipDriver(Board board, String kind, S settings, Protocol<S, R> protocol, Logger log) {
        this.kind = kind;
        this.protocol = protocol;
        this.log = log;
        this.claim = new ChipClaim(board, kind + " '" + settings.id() + "'");
        apply(settings);
        try {
            claim.registers();
        } catch (SensorException e) {
            log.error("{} {} cannot use its chip: {}", kind, settings.id(), e.getMessage());
        }
    }

    /** @return the configuration in force */
    public S settings() {
        return settings;
    }

    /**
     * Applies a new configuration; one that {@code parse} refuses is logged with its reason and
     * the last good one stays in force.
     */
    public void reconfigure(Supplier<S> parse) {
        try {
            apply(parse.get());
        } catch (RuntimeException e) {
            log.error("Configuration of {} {} refused, keeping the last good one: {}", kind, settings.id(), e.getMessage());
        }
    }

    private void apply(S s) {
        use.writeLock().lock();
        try {
            claim.target(s.bus(), s.address());
            settings = s;
            reader = null;
        } finally {
            use.writeLock().unlock();
        }
    }

    /**
     * Reads through the protocol object of the configured chip, claiming the chip first if needed.
     * The chip is not released or retargeted while the read runs.
     *
     * @throws SensorException from the read, or when the chip cannot be claimed (see
     *         {@link ChipClaim#registers})
     */
    public <T> T read(Read<R, T> read) throws SensorException {
        use.readLock().lock();
        try {
            return read.apply(reader());
        } finally {
            use.readLock().unlock();
        }
    }

    private R reader() throws SensorException {
        R r = reader;
        if (r == null) {
            synchronized (this) {
                if (reader == null) {
                    reader = protocol.open(claim.registers(), settings);
                }
                r = reader;
            }
        }
        return r;
    }

    /** Releases the chip once a read in progress is done; the driver is stopping. */
    public void close() {
        use.writeLock().lock();
        try {
            claim.close();
        } finally {
            use.writeLock().unlock();
        }
    }
}
