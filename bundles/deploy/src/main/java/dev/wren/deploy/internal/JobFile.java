package dev.wren.deploy.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * Where the job lives between restarts: {@code job.json} in the agent's directory, replaced whole
 * (written beside, flushed to the disk, renamed over), so a crash leaves the old file or the new
 * one, never half of one.
 */
final class JobFile {

    private static final Gson GSON = new Gson();

    private final Path file;
    private final Path next;

    JobFile(Path directory) {
        this.file = directory.resolve("job.json");
        this.next = directory.resolve("job.json.next");
    }

    /** @return the job kept, or null when there is none; a damaged file is an IOException naming it */
    Job read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            Job j = GSON.fromJson(text, Job.class);
            if (j == null || j.id() == null || j.phase() == null) {
                throw new JsonParseException("no id or phase");
            }
            return j;
        } catch (JsonParseException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    void write(Job job) throws IOException {
        byte[] bytes = GSON.toJson(job).getBytes(StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(java.nio.ByteBuffer.wrap(bytes));
            c.force(true);
        }
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    Path path() {
        return file;
    }
}
