package dev.wren.power.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A real-time clock's wake alarm, {@code /sys/class/rtc/<rtc>/wakealarm}: seconds since the epoch
 * at which the clock powers the board on. The kernel's rules (drivers/rtc/sysfs.c): a write of a
 * time at or before now, 0 included, clears the alarm; a future time while one is set fails with
 * EBUSY, so an alarm is cleared before it is set; a read gives nothing while no alarm is set. A
 * clock that keeps another time than the one written (one with a coarse alarm) or refuses it is
 * reported, never taken as set.
 */
final class WakeAlarm {

    private final Path file;

    /** @throws IOException naming the file when the board has no wake source there */
    WakeAlarm(Sysfs sysfs, String rtc) throws IOException {
        if (!rtc.matches("rtc[0-9]{1,3}")) {
            throw new IllegalArgumentException("rtc: must name a clock such as rtc0, was '" + rtc + "'");
        }
        file = sysfs.path("class/rtc").resolve(rtc).resolve("wakealarm");
        if (!Files.exists(file)) {
            throw new IOException("no wake source: " + file + " is missing (no real-time clock that can power"
                    + " the board on)");
        }
    }

    Path file() {
        return file;
    }

    /** Sets the alarm to {@code at}, whole seconds, and reads it back. */
    void set(Instant at) throws IOException {
        Sysfs.write(file, "0");
        String wanted = Long.toString(at.getEpochSecond());
        Sysfs.write(file, wanted);
        String kept = Sysfs.read(file);
        if (!kept.equals(wanted)) {
            throw new IOException("the clock did not keep the alarm: " + file + " reads '" + kept + "' after "
                    + wanted + " was written");
        }
    }

    /** Clears the alarm. */
    void clear() throws IOException {
        Sysfs.write(file, "0");
    }
}
