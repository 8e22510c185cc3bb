package dev.wren.itests.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What an operator does to a running gateway through its web console (as the generated admin,
 * with a same-origin Origin and Referer, as a browser sends them), and the configuration
 * directory a test starts a gateway with.
 */
final class Operator {

    /** A bundle as the web console lists it. */
    record BundleRow(long id, String symbolicName, String version, String state) {
    }

    private static final Pattern ROW = Pattern.compile(
            "\\{\"id\":(\\d+),\"name\":\"[^\"]*\",\"fragment\":(?:true|false),\"stateRaw\":\\d+,\"state\":\"([A-Za-z]+)\","
                    + "\"version\":\"([^\"]+)\",\"symbolicName\":\"([^\"]+)\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final GatewayProcess gw;

    Operator(GatewayProcess gw) {
        this.gw = gw;
    }

    List<BundleRow> bundles() throws IOException {
        String json = gw.get("/system/console/bundles.json");
        List<BundleRow> rows = new ArrayList<>();
        Matcher m = ROW.matcher(json);
        while (m.find()) {
            rows.add(new BundleRow(Long.parseLong(m.group(1)), m.group(4), m.group(3), m.group(2)));
        }
        if (rows.isEmpty()) {
            throw new IOException("no bundles in the console's list: " + json.substring(0, Math.min(400, json.length())));
        }
        return rows;
    }

    List<BundleRow> bundles(String symbolicName) throws IOException {
        return bundles().stream().filter(b -> b.symbolicName().equals(symbolicName)).toList();
    }

    /** Uninstalls through the console; @return the HTTP status */
    int uninstall(long id) throws IOException {
        return post("/system/console/bundles/" + id, "application/x-www-form-urlencoded",
                "action=uninstall".getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads a jar through the console's install form (location {@code inputstream:<file name>}), started. */
    int install(Path jar) throws IOException {
        String boundary = "----wren" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : Map.of("action", "install", "bundlestart", "start",
                "bundlestartlevel", "2").entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundlefile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post("/system/console/bundles", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** Sets properties of a configuration through the console; @return the HTTP status */
    int configure(String pid, Map<String, String> properties) throws IOException {
        StringBuilder form = new StringBuilder("apply=true&action=ajaxConfigManager&propertylist=")
                .append(String.join(",", properties.keySet()));
        properties.forEach((k, v) -> form.append('&').append(k).append('=').append(v));
        return post("/system/console/configMgr/" + pid, "application/x-www-form-urlencoded",
                form.toString().getBytes(StandardCharsets.UTF_8));
    }

    private int post(String path, String type, byte[] body) throws IOException {
        // java.net.http: HttpURLConnection silently drops an Origin header
        String origin = "http://127.0.0.1:" + gw.port;
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + gw.password()).getBytes(StandardCharsets.UTF_8)))
                .header("Origin", origin)
                .header("Referer", origin + "/system/console/bundles")
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Waits until {@code check} holds, reading the console again and again; fails naming the last state. */
    static <T> T await(Duration timeout, IOCheck<T> check, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T t = check.get();
                if (t != null) {
                    return t;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " not within " + timeout.toSeconds() + " s" + (last == null ? "" : ": " + last));
    }

    interface IOCheck<T> {
        /** @return null while not there yet */
        T get() throws IOException;
    }

    /** A shipped bundle's jar, taken out of the built wren.jar. */
    static Path shippedJar(String fileNamePrefix, Path into) throws IOException {
        Path wren = Path.of(System.getProperty("wren.home", ".")).resolve("distribution/target/wren.jar");
        try (InputStream in = Files.newInputStream(wren); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.startsWith("jar/" + fileNamePrefix + "-")) {
                    Path out = Files.createDirectories(into).resolve(name.substring("jar/".length()));
                    Files.copy(zip, out);
                    return out;
                }
            }
        }
        throw new IOException("no jar/" + fileNamePrefix + "-*.jar in " + wren);
    }

    /** The shipped configuration with more files (name to content) replacing or adding to it. */
    static Path config(Path dir, Map<String, String> files) throws IOException {
        Path config = Files.createDirectories(dir);
        Path shipped = Path.of(System.getProperty("wren.home", ".")).resolve("config");
        try (Stream<Path> all = Files.list(shipped)) {
            for (Path f : all.toList()) {
                Files.copy(f, config.resolve(f.getFileName()));
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(config.resolve(f.getKey()), f.getValue());
        }
        return config;
    }

    /** @return Wren components that have a configuration and are not active, or "only n active" */
    static List<String> inactive(String componentsJson, int atLeast) {
        Matcher m = Pattern.compile("\"name\":\"(dev\\.wren\\.[^\"]+)\",\"state\":\"([a-z ]+)\"").matcher(componentsJson);
        List<String> out = new ArrayList<>();
        int active = 0;
        while (m.find()) {
            if (m.group(2).equals("active")) {
                active++;
            } else if (!m.group(2).equals("no config")) {
                out.add(m.group(1) + " " + m.group(2));
            }
        }
        if (active < atLeast) {
            out.add("only " + active + " active");
        }
        return out;
    }
}
