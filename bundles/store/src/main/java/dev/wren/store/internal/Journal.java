package dev.wren.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the outbox committed, kept beside Derby and independent of it, so that recovery can tell
 * what Derby lost: a text file rewritten (and fsynced) at every checkpoint with the highest id
 * handed out and the ids held, then appended to as the writer works: {@code P first last} after
 * each commit that inserted ids, {@code D first last} before each commit that deletes
 * (acknowledged, evicted, expired). Appends are not fsynced: they survive a killed process (the
 * kernel has them), and a power cut cannot damage Derby's log, which is fsynced at every commit.
 *
 * <p>A delete written but not committed (the process died) makes a row look deleted: recovery
 * then finds it held but not expected, which is harmless (it is sent again). A commit whose
 * {@code P} line was not written makes a row look unexpected: harmless too. A row expected and
 * missing is a loss.
 */
final class Journal implements AutoCloseable {

    /**
     * What the journal says.
     *
     * @param high     the highest id committed, 0 if none or unknown
     * @param expected the ids that should be held (null: the journal was absent or unreadable)
     * @param problem  why it could not be read, or null
     */
    record Facts(long high, RangeSet expected, String problem) {

        boolean known() {
            return expected != null;
        }
    }

    private final Path file;
    private FileChannel out;
    private final StringBuilder line = new StringBuilder(64);

    private Journal(Path file) {
        this.file = file;
    }

    /** Reads what the journal in {@code file} says; never throws for bad content. */
    static Facts read(Path file) {
        if (!Files.exists(file)) {
            return new Facts(0, null, null);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return new Facts(0, null, "cannot read " + file + ": " + e);
        }
        RangeSet expected = new RangeSet();
        long high = -1;
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            if (l.isEmpty() && n == lines.size() - 1) {
                break;
            }
            String[] f = l.split(" ");
            try {
                char kind = f[0].length() == 1 ? f[0].charAt(0) : '?';
                long a = Long.parseLong(f[1]);
                long b = f.length > 2 ? Long.parseLong(f[2]) : a;
                if (n == 0 && kind != 'C' || n > 0 && kind == 'C' || a < 0 || b < a) {
                    throw new IllegalArgumentException();
                }
                switch (kind) {
                    case 'C' -> high = a;
                    case 'H' -> expected.add(a, b);
                    case 'P' -> {
                        expected.add(a, b);
                        high = Math.max(high, b);
                    }
                    case 'D' -> expected.remove(a, b);
                    default -> throw new IllegalArgumentException();
                }
            } catch (RuntimeException e) {
                if (n == lines.size() - 1 && high >= 0) {
                    break;
                }
                return new Facts(Math.max(high, 0), null, file + " line " + (n + 1) + " is damaged: '"
                        + (l.length() > 40 ? l.substring(0, 40) + "..." : l) + "'");
            }
        }
        if (high < 0) {
            return new Facts(0, null, file + " is empty");
        }
        return new Facts(high, expected, null);
    }

    /** Starts a new journal in {@code file}: the facts now, fsynced. */
    static Journal start(Path file, long high, RangeSet held) throws IOException {
        Journal j = new Journal(file);
        j.rotate(high, held);
        return j;
    }

    /** After a checkpoint: replaces the journal with the facts now, durably. */
    void rotate(long high, RangeSet held) throws IOException {
        StringBuilder s = new StringBuilder(32 + 24 * held.size());
        s.append("C ").append(high).append('\n');
        for (long[] r : held.ranges()) {
            s.append("H ").append(r[0]).append(' ').append(r[1]).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        close();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** After a commit: ids first..last were inserted. */
    void inserted(long first, long last) {
        line.setLength(0);
        line.append("P ").append(first).append(' ').append(last).append('\n');
        write();
    }

    /** Before a commit: these ids are being deleted. */
    void deleting(RangeSet ids) {
        if (ids.isEmpty()) {
            return;
        }
        line.setLength(0);
        for (long[] r : ids.ranges()) {
            line.append("D ").append(r[0]).append(' ').append(r[1]).append('\n');
        }
        write();
    }

    /**
     * An append that fails (disk full) removes the journal rather than leave it incomplete: until
     * the next checkpoint writes a new one, recovery can then only say it cannot check, never
     * report a loss that did not happen.
     */
    private void write() {
        if (out == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.US_ASCII));
        try {
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException e) {
            close();
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // read as damaged, which recovery reports as unverifiable
            }
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing was pending: appends are not buffered
            }
            out = null;
        }
    }
}
