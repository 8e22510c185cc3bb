package dev.wren.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    private static final Path DATA = Path.of("/var/lib/wren");

    @Test
    void aPathUnderTheKernelsFileSystemsIsRefusedByName() {
        for (String p : new String[] {"/proc/self/outbox", "/sys/outbox", "/dev/shm/../null/x"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> OutboxService.Settings.of(config("path", p), DATA))
                    .getMessage();
            assertEquals("path: must not be under", m.substring(0, 23), m);
        }
    }

    @Test
    void anEmptyPathIsTheDataDirectorysOutbox() {
        assertEquals(DATA.resolve("outbox"), OutboxService.Settings.of(config("path", " "), DATA).path());
        assertEquals(Path.of("/srv/q"), OutboxService.Settings.of(config("path", "/srv/./q"), DATA).path());
    }

    /** The annotation's defaults, with one attribute set. */
    private static OutboxService.Config config(String attribute, Object value) {
        Map<String, Object> set = Map.of(attribute.replace('.', '_'), value);
        return (OutboxService.Config) Proxy.newProxyInstance(OutboxService.Config.class.getClassLoader(),
                new Class<?>[] {OutboxService.Config.class},
                (proxy, method, args) -> set.containsKey(method.getName()) ? set.get(method.getName())
                        : method.getDefaultValue());
    }
}
