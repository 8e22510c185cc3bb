package dev.wren.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config Admin's files moved out of a Felix storage laid out as Felix lays it out. */
class ConfigHomeTest {

    @TempDir
    Path dir;

    @Test
    void configurationIsCopiedOnceFromTheFirstStorageThatHasIt() throws Exception {
        Path old = storage("old", "jar/org.apache.felix.configadmin-1.9.26.jar", "dev/wren/uplink/Uplink.config",
                "broker.url=\"tcp://old\"");
        Path current = storage("current", "jar/dev.wren.api-0.2.0-SNAPSHOT.jar", "x.config", "x=1");
        Path target = dir.resolve("data/config");

        Optional<String> done = ConfigHome.migrate(target, List.of(current, old));

        assertTrue(done.orElseThrow().contains("1 files from " + old.resolve("bundle7/data/config")), done.get());
        assertEquals("broker.url=\"tcp://old\"", Files.readString(target.resolve("dev/wren/uplink/Uplink.config")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertFalse(Files.exists(dir.resolve("data/config.migrating")));
        assertFalse(Files.exists(old.resolve("bundle7/data/config")), "one copy only");
        assertTrue(Files.exists(current.resolve("bundle7/data/config/x.config")), "another bundle's data is left alone");

        Files.writeString(target.resolve("dev/wren/uplink/Uplink.config"), "changed");
        storage("again", "jar/org.apache.felix.configadmin-1.9.26.jar", "y.config", "y=1");
        assertEquals(Optional.empty(), ConfigHome.migrate(target, List.of(dir.resolve("again"))),
                "an existing directory is never overwritten");
        assertEquals("changed", Files.readString(target.resolve("dev/wren/uplink/Uplink.config")));
    }

    @Test
    void nothingToMoveLeavesNoDirectory() throws Exception {
        Path target = dir.resolve("config");
        assertEquals(Optional.empty(), ConfigHome.migrate(target, List.of(dir.resolve("absent"))));
        assertFalse(Files.exists(target));
    }

    private Path storage(String name, String location, String file, String content) throws Exception {
        Path bundle = dir.resolve(name).resolve("bundle7");
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("bundle.info"), "7\n" + location + "\n2\n1\n0\n0\n");
        Path f = bundle.resolve("data/config").resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return dir.resolve(name);
    }
}
