package dev.wren.hardware.simulator;

import java.io.IOException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.pi4j.exception.Pi4JException;

/**
 * A chip plugged into a simulated bus at an address, with an injectable {@link Fault}. Failures
 * reach Pi4J callers as the linuxfs provider reports them: a {@link Pi4JException} whose cause
 * carries the kernel's error text.
 */
public final class SimDevice {

    /** How long a bus transaction to a clock-stretching chip blocks before the bus gives up. */
    public static final long BUS_TIMEOUT_MS = 25;

    private final int bus;
    private final int address;
    private final I2CChip chip;
    private final SplittableRandom random;
    private volatile Fault fault = Fault.NONE;
    private volatile double failureShare = 0.3;
    private long transactions;

    SimDevice(int bus, int address, I2CChip chip, long seed) {
        this.bus = bus;
        this.address = address;
        this.chip = chip;
        this.random = new SplittableRandom(seed ^ (bus * 131L + address));
    }

    public int bus() {
        return bus;
    }

    public int address() {
        return address;
    }

    /** @return the chip model, to script its physical inputs */
    public I2CChip chip() {
        return chip;
    }

    public Fault fault() {
        return fault;
    }

    /** Injects a fault; {@link Fault#NONE} heals the device. */
    public void fault(Fault f) {
        fault = f;
    }

    /** Sets the share of transactions that fail under {@link Fault#INTERMITTENT}, 0 to 1 (default 0.3). */
    public void failureShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("failure share must be 0 to 1, was " + share);
        }
        failureShare = share;
    }

    /** @return transactions the chip answered since it was plugged in */
    public synchronized long transactions() {
        return transactions;
    }

    /** A write transaction, through the injected fault to the chip. */
    public synchronized void write(byte[] data, int offset, int length) {
        check();
        chip.write(data, offset, length);
        transactions++;
    }

    /** A read transaction, through the injected fault from the chip. */
    public synchronized void read(byte[] buffer, int offset, int length) {
        check();
        receive(buffer, offset, length);
    }

    /**
     * A combined transaction (write, repeated start, read: one I2C_RDWR on Linux): the injected
     * fault strikes it once, as a whole.
     */
    public synchronized void transfer(byte[] out, int outLength, byte[] in, int offset, int length) {
        check();
        chip.write(out, 0, outLength);
        transactions++;
        receive(in, offset, length);
    }

    private void receive(byte[] buffer, int offset, int length) {
        chip.read(buffer, offset, length);
        if (fault == Fault.CORRUPT) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] ^= (byte) (1 << random.nextInt(8)) | (byte) random.nextInt(256);
            }
        }
        transactions++;
    }

    private void check() {
        Fault f = fault;
        if (f == Fault.NACK || f == Fault.ABSENT || (f == Fault.INTERMITTENT && random.nextDouble() < failureShare)) {
            throw new Pi4JException(String.format(Locale.ROOT, "I2C transaction to 0x%02X on bus %d failed", address, bus),
                    new IOException("Remote I/O error (errno 121)"));
        }
        if (f == Fault.TIMEOUT) {
            try {
                TimeUnit.MILLISECONDS.sleep(BUS_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new Pi4JException(String.format(Locale.ROOT, "I2C transaction to 0x%02X on bus %d failed", address, bus),
                    new IOException("Connection timed out (errno 110)"));
        }
    }
}
