package dev.wren.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Room kept on the outbox's file system for a full disk: a file of {@code bytes} zeros, written
 * out (not sparse). When a write fails for want of space the outbox deletes it, which gives Derby
 * room to write its log, to evict less urgent messages and to store alerts in their place; the
 * file is written again once the file system has room for it and a margin.
 */
final class Reserve {

    /** Free space beyond the reserve before it is written again: a Derby log file. */
    static final long MARGIN = 1 << 20;

    private final Path file;
    private final long bytes;

    Reserve(Path file, long bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    long bytes() {
        return bytes;
    }

    /** @return true when the reserve is in place (or none is wanted) */
    boolean held() {
        try {
            return bytes == 0 || Files.size(file) == bytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the reserve when it is missing and there is room for it and the margin; @return held() */
    boolean ensure() {
        if (bytes == 0) {
            return usable() >= MARGIN;
        }
        if (held()) {
            return true;
        }
        try {
            if (Files.getFileStore(file.getParent()).getUsableSpace() < bytes + MARGIN) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer zeros = ByteBuffer.allocate(64 << 10);
                for (long at = 0; at < bytes; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
                    at += ch.write(zeros, at);
                }
                ch.force(true);
            }
            return true;
        } catch (IOException e) {
            release();
            return false;
        }
    }

    /** Deletes the reserve; @return true if there was one to delete */
    boolean release() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }

    /** @return bytes usable on the file system, or -1 when unknown */
    long usable() {
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
