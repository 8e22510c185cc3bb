package dev.wren.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.deploy.internal.Job.Phase;

class JobFileTest {

    @TempDir
    Path dir;

    @Test
    void aJobIsReadBackAsWritten() throws IOException {
        JobFile f = new JobFile(dir);
        assertNull(f.read());
        Job j = Job.download("j1", "r1", "https://h/x.dp", "ab".repeat(32), true).named("dev.wren.model.x", "1.0.0")
                .phase(Phase.INSTALLING);
        f.write(j);
        assertEquals(j, f.read());
        f.write(j.ended(Phase.FAILED, "signature: unsigned"));
        assertEquals("signature: unsigned", f.read().reason());
        assertEquals(Phase.FAILED, f.read().phase());
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("job.json"), "{\"id\":\"j1\",\"phase\":");
        IOException e = assertThrows(IOException.class, () -> new JobFile(dir).read());
        assertTrue(e.getMessage().startsWith(dir.resolve("job.json") + " is damaged"), e.getMessage());
        Files.writeString(dir.resolve("job.json"), "{\"id\":\"j1\",\"phase\":\"EXPLODED\"}");
        assertThrows(IOException.class, () -> new JobFile(dir).read());
    }
}
