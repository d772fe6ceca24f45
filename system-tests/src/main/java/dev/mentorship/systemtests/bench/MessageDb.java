package dev.mentorship.systemtests.bench;

import dev.mentorship.devstack.Postgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * message-db, a peer event store on PostgreSQL (npm {@code @eventide/message-db} 1.3.1, MIT; the
 * scripts a write needs are kept unchanged under {@code bench/message-db/}), as the benchmark's
 * second baseline: the bare write of an event through its {@code write_message} function, with no
 * HTTP, token or relay in front of it. {@code write_message} takes a transaction-scoped advisory lock on the stream's
 * category (the name before the first {@code -}), so writers to one category commit one at a time.
 */
final class MessageDb {

    /**
     * The scripts its {@code install.sh} runs, in its order, without those a write does not use (the
     * role, the reading functions, the views and the grants), which are not kept.
     */
    private static final List<String> INSTALL = List.of("schema/message-store.sql", "extensions/pgcrypto.sql", "tables/messages.sql",
            "types/message.sql", "functions/message-store-version.sql", "functions/hash-64.sql", "functions/acquire-lock.sql",
            "functions/category.sql", "functions/is-category.sql", "functions/id.sql", "functions/cardinal-id.sql",
            "functions/stream-version.sql", "functions/write-message.sql", "indexes/messages-id.sql", "indexes/messages-stream.sql",
            "indexes/messages-category.sql");

    /** {@code write_message(id, stream_name, type, data, metadata, expected_version)}; it returns the message's position. */
    static final String WRITE = "select write_message(?, ?, ?, ?::jsonb, ?::jsonb, ?)";

    private MessageDb() {
    }

    /**
     * Installs message-db in a new database and returns the JDBC address to write to: its functions
     * name their table and each other without a schema, so connections search {@code message_store}
     * first, as its own role is set up to.
     */
    static String install(Postgres postgres, String database) throws SQLException {
        postgres.createDatabase(database, true);
        String url = postgres.jdbcUrl(database) + "?currentSchema=message_store,public";
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            for (String script : INSTALL) {
                statement.execute(script(script));
            }
        }
        return url;
    }

    /**
     * Each write starts a new stream with one event, expecting the stream not to exist (version -1),
     * as creating a cohort appends to a new stream at version 1. The streams are of the category
     * {@code cohort}, as every cohort's is; with {@code categoryPerClient}, each client writes to a
     * category of its own ({@code cohort0}, {@code cohort1}, ...), so the writers do not wait for
     * each other's lock: what message-db does where the writes spread over many categories.
     */
    static JdbcLoad.Result writeNewStreams(Postgres postgres, String url, int clients, Duration run, boolean categoryPerClient)
            throws InterruptedException {
        return JdbcLoad.run(postgres, url, clients, run, WRITE, (client, write) -> {
            String id = UUID.randomUUID().toString();
            write.setString(1, id);
            write.setString(2, (categoryPerClient ? "cohort" + client : "cohort") + "-" + id);
            write.setString(3, "CohortOpened");
            write.setString(4, Benchmark.cohortOpened(id));
            write.setString(5, "{}");
            write.setLong(6, -1);
        });
    }

    private static String script(String name) {
        try (InputStream in = MessageDb.class.getResourceAsStream("/bench/message-db/" + name)) {
            if (in == null) {
                throw new IllegalStateException("message-db script missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
