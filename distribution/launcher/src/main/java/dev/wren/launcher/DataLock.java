package dev.wren.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One gateway per data directory: an exclusive lock on {@code <data>/wren.lock}, taken before the
 * gateway opens anything in the directory and held until its process ends. The operating system
 * drops the lock with the process (a SIGKILL or a power cut included), so a file left behind never
 * blocks a start. The holder writes who it is into the file, so a refused start can name it.
 */
final class DataLock {

    static final String FILE = "wren.lock";

    /** The lock of this process: held, never released, until the JVM ends. */
    private static FileChannel held;

    private DataLock() {
    }

    /**
     * Takes the data directory for this process (creating it when absent).
     *
     * @return null when this process holds it now, else the holder as its file names it
     *         ({@code "pid 1234, started 2026-12-04T20:31:02Z"}, or {@code "another process"})
     */
    static synchronized String acquire(Path data) throws IOException {
        Files.createDirectories(data);
        Path file = data.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it already
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            return holder.isEmpty() ? "another process" : holder;
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        held = channel;
        return null;
    }
}
