package dev.wren.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database another process has booted is never taken for an unreadable one: opening it fails with
 * Derby's "another instance" error and nothing is moved aside; once that process is gone it opens with
 * what it held. (A database that really cannot be opened is moved aside: DamageTest.)
 */
class HeldDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aDatabaseHeldByAnotherProcessIsRefusedNeverMovedAside() throws Exception {
        Path db = dir.resolve("db");
        List<String> moved = new ArrayList<>();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("held", out.readLine(), "the other process booted the database");
            SQLException e = assertThrows(SQLException.class, () -> Database.open(db, (p, why) -> moved.add(p + ": " + why)));
            assertTrue(chain(e).contains("XSDB6"), "Derby's another-instance error: " + chain(e));
            assertEquals(List.of(), moved, "moved aside");
            try (Stream<Path> siblings = Files.list(dir)) {
                assertEquals(List.of(db), siblings.toList(), "nothing beside the database");
            }
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder ended");
        }
        Database again = Database.open(db, (p, why) -> moved.add(p + ": " + why));
        again.close();
        assertEquals(List.of(), moved, "opened as it was once the holder was gone");
    }

    /** The SQL states and messages of {@code e} and the exceptions after it, as Derby chains them. */
    private static String chain(SQLException e) {
        StringBuilder b = new StringBuilder();
        for (SQLException s = e; s != null; s = s.getNextException()) {
            b.append(s.getSQLState()).append(' ').append(s.getMessage()).append(" | ");
        }
        return b.toString();
    }

    /** Run as a separate JVM: boots the database, says "held", keeps it until its standard input closes. */
    public static final class Holder {

        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:derby:" + Path.of(args[0]).toAbsolutePath() + ";create=true")) {
                System.out.println("held");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our input
                }
            }
        }
    }
}
