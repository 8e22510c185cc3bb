package dev.wren.gossip.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

import dev.wren.gossip.internal.crypto.Route;

/**
 * This gateway's boot epoch, one per start of the gossip node, persisted in the bundle's data area
 * (a text file holding the last epoch given out). The next epoch is the larger of the last one
 * plus one and the clock in seconds since 1970, so it keeps rising when the clock goes back
 * (the file) and when the file is lost (the clock). The file is replaced atomically and forced to
 * disk before the epoch is used, so a crash never hands out an epoch twice.
 */
final class Epochs {

    /** What {@link #next} found and did, for the log. */
    record Next(long epoch, String problem) {
    }

    private final Path file;

    /** @param file where the last epoch is kept; null: nowhere (the framework has no data area) */
    Epochs(Path file) {
        this.file = file;
    }

    /** @return the next epoch; a problem reading or writing the file is reported, not thrown */
    Next next(long nowMillis) {
        if (file == null) {
            return new Next(Math.min(Route.MAX_EPOCH, nowMillis / 1000), "no data area; the epoch is the clock's");
        }
        long last = 0;
        String problem = null;
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                last = Long.parseLong(text);
                if (last < 0 || last > Route.MAX_EPOCH) {
                    problem = file + ": epoch out of range, was " + text + "; using the clock";
                    last = 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            problem = file + ": unreadable (" + e.getMessage() + "); using the clock";
            last = 0;
        }
        long epoch = Math.min(Route.MAX_EPOCH, Math.max(last + 1, nowMillis / 1000));
        try {
            write(epoch);
        } catch (IOException e) {
            problem = (problem == null ? "" : problem + "; ") + file + ": cannot be written (" + e.getMessage()
                    + "), epoch " + epoch + " from the clock is not kept";
        }
        return new Next(epoch, problem);
    }

    private void write(long epoch) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(java.nio.ByteBuffer.wrap((epoch + "\n").getBytes(StandardCharsets.US_ASCII)));
            c.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
