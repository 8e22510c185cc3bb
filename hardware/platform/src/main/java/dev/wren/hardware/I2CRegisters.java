package dev.wren.hardware;

import java.util.Locale;

import com.pi4j.io.i2c.I2C;

import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

/**
 * Register access to one I2C chip that reports failures as {@link SensorException}s a
 * technician can act on: "no ACK from 0x76 on i2c-1 reading 0xD0". Pi4J reports bus errors as
 * unchecked exceptions carrying the kernel's error; they are classified here once for all
 * drivers: a missing acknowledge ({@code EREMOTEIO}, {@code ENXIO}) is {@link Fault#BUS_ERROR},
 * a bus or lock timeout ({@code ETIMEDOUT}) is {@link Fault#TIMEOUT}, a short read is
 * {@link Fault#CORRUPT_DATA}.
 *
 * <p>A transaction the chip did not acknowledge is tried again, up to {@value #NACK_RETRIES}
 * more times at once: a NACK means the chip took no part (no register pointer moved, no FIFO
 * byte popped), and on a noisy or shared bus one transaction in a few may be lost. A read of
 * many transactions would otherwise rarely succeed whole. Timeouts are not retried.
 *
 * <p>Not thread-safe: one driver instance uses it from one thread at a time.
 */
public final class I2CRegisters {

    /** How many times a transaction the chip did not acknowledge is tried again. */
    public static final int NACK_RETRIES = 2;

    private final I2C i2c;
    private final String where;
    /** For single registers: no allocation per status poll or configuration write. */
    private final byte[] scratch = new byte[2];

    public I2CRegisters(I2C i2c) {
        this.i2c = i2c;
        this.where = String.format(Locale.ROOT, "0x%02X on i2c-%d", i2c.device(), i2c.bus());
    }

    /** @return the underlying Pi4J device */
    public I2C device() {
        return i2c;
    }

    /** @return where the chip is, for messages: {@code 0x76 on i2c-1} */
    public String where() {
        return where;
    }

    /** Reads {@code length} bytes starting at {@code register} (the chip auto-increments). */
    public void read(int register, byte[] buffer, int length) throws SensorException {
        int n = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                n = i2c.readRegister(register, buffer, 0, length);
                break;
            } catch (RuntimeException e) {
                SensorException f = fault(e, "reading", register);
                if (!retry(f, attempt)) {
                    throw f;
                }
            }
        }
        if (n != length) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "short read from %s at 0x%02X: %d of %d bytes", where, register, n, length));
        }
    }

    /**
     * Reads {@code length} bytes with no register pointer first: for chips driven by commands
     * (SHT3x, SCD4x) that answer the last command when read.
     *
     * @since 1.1
     */
    public void read(byte[] buffer, int length) throws SensorException {
        int n = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                n = i2c.read(buffer, 0, length);
                break;
            } catch (RuntimeException e) {
                SensorException f = fault(e, "reading", -1);
                if (!retry(f, attempt)) {
                    throw f;
                }
            }
        }
        if (n != length) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT, "short read from %s: %d of %d bytes",
                    where, n, length));
        }
    }

    /** @return the unsigned byte at {@code register} */
    public int u8(int register) throws SensorException {
        read(register, scratch, 1);
        return scratch[0] & 0xFF;
    }

    /** @return the unsigned 16-bit big-endian (MSB first) word at {@code register} */
    public int u16(int register) throws SensorException {
        read(register, scratch, 2);
        return ((scratch[0] & 0xFF) << 8) | (scratch[1] & 0xFF);
    }

    /** Writes one byte to {@code register}. */
    public void write(int register, int value) throws SensorException {
        scratch[0] = (byte) value;
        writeScratch(register, 1);
    }

    /** Writes a 16-bit word, MSB first, to {@code register}. */
    public void write16(int register, int value) throws SensorException {
        scratch[0] = (byte) (value >> 8);
        scratch[1] = (byte) value;
        writeScratch(register, 2);
    }

    private void writeScratch(int register, int length) throws SensorException {
        for (int attempt = 0; ; attempt++) {
            try {
                i2c.writeRegister(register, scratch, 0, length);
                return;
            } catch (RuntimeException e) {
                SensorException f = fault(e, "writing", register);
                if (!retry(f, attempt)) {
                    throw f;
                }
            }
        }
    }

    private static boolean retry(SensorException f, int attempt) {
        return f.fault() == Fault.BUS_ERROR && f.getMessage().startsWith("no ACK") && attempt < NACK_RETRIES;
    }

    private SensorException fault(RuntimeException e, String doing, int register) {
        String cause = causes(e).toLowerCase(Locale.ROOT);
        String at = register < 0 ? " " + doing : String.format(Locale.ROOT, " %s 0x%02X", doing, register);
        if (cause.contains("timed out") || cause.contains("errno 110") || cause.contains("lock")) {
            return new SensorException(Fault.TIMEOUT, "bus timeout at " + where + at + ": " + causes(e), e);
        }
        if (cause.contains("remote i/o") || cause.contains("errno 121") || cause.contains("no such device")) {
            return new SensorException(Fault.BUS_ERROR, "no ACK from " + where + at
                    + " (nothing answers at this address, or the chip is held in reset)", e);
        }
        return new SensorException(Fault.BUS_ERROR, "I2C error at " + where + at + ": " + causes(e), e);
    }

    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 400; t = t.getCause()) {
            if (t.getMessage() != null) {
                if (s.length() > 0) {
                    s.append(": ");
                }
                s.append(t.getMessage());
            }
        }
        return s.length() == 0 ? e.getClass().getSimpleName() : s.toString();
    }
}
