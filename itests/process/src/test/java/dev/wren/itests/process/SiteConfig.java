package dev.wren.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration folder of one gateway of a test site: the shipped configuration, gossip on
 * loopback with the site's key, the uplink to the test's broker, and single settings changed.
 */
final class SiteConfig {

    private final Path dir;

    /** Copies the shipped configuration into {@code dir}. */
    SiteConfig(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        Path shipped = Path.of(System.getProperty("wren.home", ".")).resolve("config");
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    Path dir() {
        return dir;
    }

    /** Gossip and its peer channel on loopback, in the LAN profile, state refreshed every second. */
    SiteConfig gossip(String id, String key, int port, String seeds) throws IOException {
        return write("dev.wren.gossip.Gossip.cfg", "node.id=" + id, "cluster.name=site", "cluster.keys=" + key,
                "bind.address=127.0.0.1", "port=" + port, "seeds=" + seeds, "profile=lan", "state.interval.s=1");
    }

    /** The uplink to a broker on loopback, retrying within 2 s. */
    SiteConfig uplink(String id, int brokerPort) throws IOException {
        return write("dev.wren.uplink.Uplink.cfg", "broker.url=tcp://127.0.0.1:" + brokerPort, "gateway.id=" + id,
                "topic.prefix=wren", "backoff.initial.ms=500", "backoff.max.ms=2000");
    }

    /** Writes a whole configuration file. */
    SiteConfig write(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n");
        return this;
    }

    /** Sets one key of a configuration file, replacing its line or adding one. */
    SiteConfig set(String file, String key, String value) throws IOException {
        Path f = dir.resolve(file);
        String text = Files.exists(f) ? Files.readString(f) : "";
        String line = key + "=" + value;
        Pattern existing = Pattern.compile("(?m)^" + Pattern.quote(key) + "=.*$");
        text = existing.matcher(text).find() ? existing.matcher(text).replaceAll(Matcher.quoteReplacement(line))
                : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line + "\n";
        Files.writeString(f, text);
        return this;
    }
}
