package dev.wren.hardware.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import dev.wren.hardware.BoardProfile;

/** The board profiles shipped under {@code boards/}, and the choice of one for a model string. */
final class BoardProfiles {

    /** Profile names, in the order their model prefixes are tried. */
    static final List<String> NAMES = List.of("raspberrypi-5", "raspberrypi-4", "generic-aarch64", BoardProfile.SIMULATED);
    static final String GENERIC = "generic-aarch64";

    private final Map<String, Properties> profiles = new LinkedHashMap<>();

    /** @param open opens a profile file by name ({@code raspberrypi-4.properties}) */
    BoardProfiles(Function<String, InputStream> open) {
        for (String name : NAMES) {
            Properties p = new Properties();
            try (InputStream in = open.apply(name + ".properties")) {
                if (in == null) {
                    throw new IllegalStateException("board profile " + name + " missing from the platform bundle");
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            profiles.put(name, p);
        }
    }

    /** @return the profiles packed in this bundle */
    static BoardProfiles bundled() {
        return new BoardProfiles(file -> BoardProfiles.class.getResourceAsStream("/boards/" + file));
    }

    /**
     * @param model the device tree's model string, empty without one
     * @return the profile whose prefix the model starts with; a model no profile knows is a
     *         generic gateway; no model at all is the simulated board
     */
    String detect(String model) {
        if (model.isEmpty()) {
            return BoardProfile.SIMULATED;
        }
        for (Map.Entry<String, Properties> e : profiles.entrySet()) {
            for (String prefix : e.getValue().getProperty("model.match", "").split("\\|")) {
                if (!prefix.isBlank() && model.startsWith(prefix.trim())) {
                    return e.getKey();
                }
            }
        }
        return GENERIC;
    }

    /**
     * @param buses   configured buses overriding the profile's, or empty
     * @param chip    configured GPIO chip overriding the profile's, or blank
     * @throws IllegalArgumentException when {@code name} is no profile
     */
    BoardProfile profile(String name, String model, List<Integer> buses, String chip) {
        Properties p = profiles.get(name);
        if (p == null) {
            throw new IllegalArgumentException("board.profile: must be auto or one of " + NAMES + ", was '" + name + "'");
        }
        Map<Integer, Integer> pins = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("header.")) {
                pins.put(Integer.parseInt(key.substring(7)), Integer.parseInt(p.getProperty(key).trim()));
            }
        }
        return new BoardProfile(name, p.getProperty("description", name), model,
                buses.isEmpty() ? buses(p.getProperty("i2c.buses", "1"), "i2c.buses") : buses,
                chip.isBlank() ? p.getProperty("gpio.chip", "gpiochip0") : chip.trim(), pins);
    }

    /** @throws IllegalArgumentException naming {@code property} unless a list of bus numbers 0 to 31 */
    static List<Integer> buses(String text, String property) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int bus = Integer.parseInt(part.trim());
                if (bus >= 0 && bus <= 31) {
                    out.add(bus);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(property + ": must be bus numbers 0 to 31 separated by commas, was '" + text + "'");
        }
        return out;
    }

    /** @return the device tree's model string without its trailing NUL, or empty when there is none */
    static String model(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\0", "").trim();
        } catch (IOException e) {
            return "";
        }
    }
}
