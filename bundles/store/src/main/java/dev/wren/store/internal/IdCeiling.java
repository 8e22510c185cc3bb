package dev.wren.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps message ids unique across restarts and replaced databases: ids are handed out below a
 * ceiling written durably beside the database, and the ceiling is raised a block at a time before
 * ids beyond it are used. Normally a restart continues after the highest id the database or the
 * journal knows; only when neither can say (the database moved aside and the journal unreadable)
 * does numbering resume at the ceiling, and the skipped ids are reported as possibly lost.
 */
final class IdCeiling {

    static final long BLOCK = 1 << 16;

    private final Path file;
    private long ceiling;

    private IdCeiling(Path file, long ceiling) {
        this.file = file;
        this.ceiling = ceiling;
    }

    /** @return the ceiling kept in {@code file}, 0 when there is none yet */
    static IdCeiling load(Path file) throws IOException {
        long c = 0;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                c = Long.parseLong(text);
            } catch (NumberFormatException e) {
                c = -1;
            }
            if (c < 0) {
                throw new IOException("id ceiling " + file + " is unreadable: '"
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text).replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
        return new IdCeiling(file, c);
    }

    /** A new ceiling in {@code file} (which is replaced) for ids from {@code next} on, written durably. */
    static IdCeiling rebuild(Path file, long next) throws IOException {
        IdCeiling c = new IdCeiling(file, 0);
        c.reserve(next, 0);
        return c;
    }

    long value() {
        return ceiling;
    }

    /** Makes sure ids below {@code next + needed} are reserved, raising the ceiling durably. */
    void reserve(long next, int needed) throws IOException {
        if (next + needed <= ceiling) {
            return;
        }
        long raised = next + needed + BLOCK;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((raised + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
        ceiling = raised;
    }
}
