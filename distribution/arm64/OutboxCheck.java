import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a stopped gateway's outbox (Derby database, data/outbox/db) and fails unless it holds
 * readings and at least one insight of a vibration model. Uses the Derby bundle inside the runtime
 * jar that the gateway ran: {@code java OutboxCheck.java <wren.jar> <data>/outbox/db}.
 */
public class OutboxCheck {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: OutboxCheck <wren.jar> <outbox database directory>");
            System.exit(2);
        }
        Path derby = Files.createTempFile("wren-derby", ".jar");
        derby.toFile().deleteOnExit();
        boolean found = false;
        try (InputStream in = Files.newInputStream(Path.of(args[0])); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; !found && (e = zip.getNextEntry()) != null; ) {
                if (e.getName().matches("jar/dev\\.wren\\.derby-.*\\.jar")) {
                    Files.copy(zip, derby, StandardCopyOption.REPLACE_EXISTING);
                    found = true;
                }
            }
        }
        if (!found) {
            System.err.println("no Derby bundle (jar/dev.wren.derby-*.jar) in " + args[0]);
            System.exit(2);
        }
        Driver driver = (Driver) new URLClassLoader(new URL[] {derby.toUri().toURL()}, OutboxCheck.class.getClassLoader())
                .loadClass("org.apache.derby.jdbc.EmbeddedDriver").getDeclaredConstructor().newInstance();
        System.setProperty("derby.stream.error.file", System.getProperty("java.io.tmpdir") + "/outbox-check-derby.log");
        Properties p = new Properties();
        p.setProperty("readOnly", "true");
        TreeMap<String, Integer> channels = new TreeMap<>();
        String insight = null;
        int readings = 0, insights = 0;
        try (Connection c = driver.connect("jdbc:derby:" + args[1], p);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT channel, payload FROM outbox ORDER BY id")) {
            while (rs.next()) {
                String channel = rs.getString(1);
                channels.merge(channel, 1, Integer::sum);
                if (channel.endsWith("/insight")) {
                    insights++;
                    insight = new String(rs.getBytes(2), StandardCharsets.UTF_8);
                } else if (!channel.endsWith("/window")) {
                    readings++;
                }
            }
        }
        System.out.println("outbox: " + readings + " reading(s) on " + channels.size() + " channel(s), " + insights + " insight(s)");
        channels.forEach((ch, n) -> System.out.println("  " + ch + " " + n));
        if (insight != null) {
            System.out.println("last insight: " + insight);
        }
        if (readings == 0 || insights == 0 || !insight.contains("\"model\":\"vibration-")) {
            System.err.println("the outbox must hold readings and an insight of a vibration model");
            System.exit(1);
        }
    }
}
