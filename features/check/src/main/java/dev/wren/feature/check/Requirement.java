package dev.wren.feature.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * One deployment package a feature package needs: its symbolic name and the range of versions
 * accepted. Read from a requirement resource, a properties file of one line
 * {@code <package symbolic name>=<version range>}, such as
 * {@code dev.wren.feature.base=[0.1,0.2)}.
 */
public record Requirement(String name, VersionRange range) {

    /** @throws IllegalArgumentException naming what is wrong with the resource */
    static Requirement read(String resource, InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (p.size() != 1) {
            throw new IllegalArgumentException("requirement resource '" + resource
                    + "' must hold one line <package>=<version range>, it holds " + p.size());
        }
        String name = p.stringPropertyNames().iterator().next();
        try {
            return new Requirement(name, VersionRange.valueOf(p.getProperty(name).trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("requirement resource '" + resource + "': '" + p.getProperty(name)
                    + "' is not a version range: " + e.getMessage());
        }
    }

    /**
     * @param installed the installed version of {@link #name()}, or null when it is not installed
     * @return null when satisfied, else the refusal, e.g.
     *         {@code dev.wren.feature.drivers needs dev.wren.feature.base [0.1,0.2), which is not installed}
     */
    String refusal(String feature, Version installed) {
        if (installed == null) {
            return feature + " needs " + name + " " + range + ", which is not installed: install " + name + " first";
        }
        if (!range.includes(installed)) {
            return feature + " needs " + name + " " + range + ", " + name + " " + installed + " is installed";
        }
        return null;
    }
}
