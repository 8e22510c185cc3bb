package dev.wren.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The versions table of docs/extending.md says what the exported packages' package-info files say:
 * the guide third parties build against cannot drift from the API.
 */
class ApiVersionsTest {

    private static final Path ROOT = Path.of("../..");
    private static final Pattern ROW = Pattern.compile("^\\| `(dev\\.wren\\.[a-z.]+)` \\| (\\d+\\.\\d+\\.\\d+) \\|", Pattern.MULTILINE);
    private static final Pattern VERSION = Pattern.compile("@Version\\(\"(\\d+\\.\\d+\\.\\d+)\"\\)\\s*package ([a-z.]+);");

    @Test
    void theGuideListsEveryExportedPackageAtItsVersion() throws IOException {
        Map<String, String> exported = new TreeMap<>();
        for (String module : new String[] {"bundles/api", "hardware/platform", "hardware/simulator"}) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = VERSION.matcher(text);
                    if (text.contains("@Export") && m.find()) {
                        exported.put(m.group(2), m.group(1));
                    }
                }
            }
        }
        Map<String, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(Files.readString(ROOT.resolve("docs/extending.md")));
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertEquals(13, exported.size(), "exported packages: " + exported);
        assertEquals(exported, documented);
    }
}
