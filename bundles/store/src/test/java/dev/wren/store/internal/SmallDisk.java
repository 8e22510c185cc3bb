package dev.wren.store.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small tmpfs file system for full-disk tests, and a file that fills it. Mounting needs root (as
 * the build runs here); without it the test fails, it is not skipped.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mount;

    private SmallDisk(Path mount) {
        this.mount = mount;
    }

    static SmallDisk mount(Path at, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(at);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cannot mount a " + megabytes + " MiB tmpfs at " + at
                    + " (the full-disk tests need root): " + out);
        }
        return new SmallDisk(at);
    }

    Path path() {
        return mount;
    }

    /** Writes {@code name} until the file system is full; @return bytes written */
    long fill(String name) throws IOException {
        byte[] block = new byte[4096];
        long n = 0;
        try (OutputStream o = Files.newOutputStream(mount.resolve(name))) {
            while (true) {
                o.write(block);
                n += block.length;
            }
        } catch (IOException full) {
            return n;
        }
    }

    void free(String name) throws IOException {
        Files.deleteIfExists(mount.resolve(name));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
    }
}
