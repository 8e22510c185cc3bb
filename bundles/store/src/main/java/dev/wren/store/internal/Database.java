package dev.wren.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;

import org.apache.derby.jdbc.EmbeddedDriver;

/**
 * The outbox's Derby database: opened (created when absent), moved aside when Derby cannot open
 * it, and shut down. Opened through the driver object, never {@code DriverManager}, whose lookup
 * depends on the caller's class loader.
 */
final class Database implements AutoCloseable {

    /**
     * One index, the primary key (prio, id): take, eviction and deletion all walk it in order; a
     * second index on id or on expiry cost a third more per insert, and expiry is rare enough to
     * scan for.
     */
    static final String SCHEMA = """
            CREATE TABLE outbox (
              prio SMALLINT NOT NULL,
              id BIGINT NOT NULL,
              created BIGINT NOT NULL,
              expires BIGINT NOT NULL,
              channel VARCHAR(%d) NOT NULL,
              payload VARCHAR(%d) FOR BIT DATA NOT NULL,
              origin VARCHAR(%d),
              PRIMARY KEY (prio, id))
            """.formatted(dev.wren.store.Message.MAX_CHANNEL, OutboxLimits.PAYLOAD_CEILING, Origins.WIDTH);

    /** Databases made before relayed messages (store 1.3) get the column on opening: NULL, this gateway's own. */
    static final String ADD_ORIGIN = "ALTER TABLE outbox ADD COLUMN origin VARCHAR(" + Origins.WIDTH + ")";

    /** The highest id ever committed, updated in the transaction of every insert. */
    static final String META = "CREATE TABLE meta (name VARCHAR(32) NOT NULL PRIMARY KEY, val BIGINT NOT NULL)";

    /**
     * Ids deleted without being delivered (reason E evicted, X expired, L lost), written in the
     * transaction that deletes them and cleared in the one that reports them upstream.
     */
    static final String GONE = "CREATE TABLE gone (first_id BIGINT NOT NULL, last_id BIGINT NOT NULL, reason CHAR(1) NOT NULL)";

    private static volatile EmbeddedDriver driver = new EmbeddedDriver();

    private final Path path;
    private final String url;
    private Path movedTo;
    private Contents contents;

    private Database(Path path) {
        this.path = path;
        this.url = "jdbc:derby:" + path.toAbsolutePath();
    }

    /**
     * Opens the database at {@code path}, creating it when absent. A database Derby cannot open,
     * or whose outbox table cannot be read, is renamed to {@code <name>.unreadable-<time>} and
     * reported to {@code movedAside} (new path, reason) before a new one is created; one that
     * another process holds is an error, never moved.
     */
    static Database open(Path path, BiConsumer<Path, String> movedAside) throws SQLException, IOException {
        Files.createDirectories(path.getParent());
        Database db = new Database(path);
        try {
            db.check();
            db.scan();
            return db;
        } catch (SQLException e) {
            if (heldElsewhere(e)) {
                throw e;
            }
            db.shutdownQuietly();
            String reason = describe(e);
            Path aside = path.resolveSibling(path.getFileName() + ".unreadable-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.move(path, aside);
            db.movedTo = aside;
            movedAside.accept(aside, reason);
            db.checkAfterMove();
            db.scan();
            return db;
        }
    }

    /** The embedded driver (a new one after {@link #restartEngine}). */
    static EmbeddedDriver driver() {
        return driver;
    }

    /**
     * Shuts Derby down as a whole and starts it again: the only way to drop the broken instance a
     * failed boot can leave. Only the outbox uses Derby in the gateway; it is opening.
     */
    private static synchronized void restartEngine() {
        try {
            driver.connect("jdbc:derby:;shutdown=true", new Properties());
        } catch (SQLException expected) {
            // XJ015: Derby shut down
        }
        driver = new EmbeddedDriver();
    }

    /** @return a new connection with auto-commit off, read-committed */
    Connection connect() throws SQLException {
        Connection c = driver.connect(url, new Properties());
        c.setAutoCommit(false);
        return c;
    }

    Path path() {
        return path;
    }

    /** Reads the contents again (after rows were salvaged into the database). */
    void rescan() throws SQLException {
        scan();
    }

    private void scan() throws SQLException {
        try (Connection c = connect()) {
            contents = Contents.read(c);
        }
    }

    /** @return what the database held when it was opened */
    Contents contents() {
        return contents;
    }

    /** @return where an unreadable database was moved when this one was opened, or null */
    Path movedTo() {
        return movedTo;
    }

    /**
     * Shuts the database down and boots it again: after Derby could not write its log (disk
     * full) it refuses every statement until rebooted.
     */
    void reboot() throws SQLException {
        shutdownQuietly();
        check();
    }

    /**
     * A boot that failed half-way can leave Derby holding a broken instance under the path (an
     * internal NullPointerException on the next connect): shut it down again and retry.
     */
    private void checkAfterMove() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                check();
                return;
            } catch (SQLException e) {
                shutdownQuietly();
                if (attempt == 2) {
                    throw e;
                }
                restartEngine();
            }
        }
    }

    private void check() throws SQLException {
        Properties create = new Properties();
        create.setProperty("create", "true");
        try (Connection c = driver.connect(url, create)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (!c.getMetaData().getTables(null, null, "OUTBOX", null).next()) {
                    s.execute(SCHEMA);
                    c.commit();
                }
                if (!hasOrigin(c)) {
                    s.execute(ADD_ORIGIN);
                    c.commit();
                }
                if (!c.getMetaData().getTables(null, null, "META", null).next()) {
                    s.execute(META);
                    s.execute("INSERT INTO meta VALUES ('high', (SELECT COALESCE(MAX(id), 0) FROM outbox))");
                    s.execute(GONE);
                    c.commit();
                }
                s.executeQuery("SELECT COUNT(*) FROM outbox").close();
            }
            c.commit();
        }
    }

    /** @return whether the outbox table has the {@code origin} column */
    static boolean hasOrigin(Connection c) throws SQLException {
        try (java.sql.ResultSet rs = c.getMetaData().getColumns(null, null, "OUTBOX", "ORIGIN")) {
            return rs.next();
        }
    }

    @Override
    public void close() {
        shutdownQuietly();
    }

    private void shutdownQuietly() {
        Properties shutdown = new Properties();
        shutdown.setProperty("shutdown", "true");
        try {
            driver.connect(url, shutdown);
        } catch (SQLException expected) {
            // 08006: database shut down (or it was never booted)
        }
    }

    /** XSDB6: another Derby (another process) has booted the database. */
    private static boolean heldElsewhere(SQLException e) {
        // Derby puts XSDB6 behind XJ040 as the next exception, not always as the cause: walk both
        Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                if ("XSDB6".equals(s.getSQLState())) {
                    return true;
                }
                if (s.getNextException() != null) {
                    todo.add(s.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return false;
    }

    /**
     * @return the innermost Derby message, the one that says what is wrong with the files, on one
     *         line and without the page dump Derby appends to a checksum error
     */
    static String describe(SQLException e) {
        String reason = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        if (reason == null) {
            return e.toString();
        }
        int dump = reason.indexOf(", page dump follows");
        reason = (dump > 0 ? reason.substring(0, dump) : reason).replaceAll("[\\r\\n\\t]+", " ");
        return reason.length() > 300 ? reason.substring(0, 300) + "..." : reason;
    }
}
