package dev.mentorship.systemtests.bench;

import dev.mentorship.devstack.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's database baselines: a number of clients, each on its own connection in
 * auto-commit, issuing one prepared statement over and over until the run ends.
 */
final class JdbcLoad {

    /** Binds one execution's parameters for client number {@code client}; the statement is then executed and counted. */
    @FunctionalInterface
    interface Bind {
        void next(int client, PreparedStatement statement) throws SQLException;
    }

    /** Statements executed, and how many per second of the run. */
    record Result(long executed, double perSecond) {
    }

    private JdbcLoad() {
    }

    static Result run(Postgres postgres, String jdbcUrl, int clients, Duration run, String sql, Bind bind) throws InterruptedException {
        AtomicLong executed = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long end = System.nanoTime() + run.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
                        PreparedStatement statement = connection.prepareStatement(sql)) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < end && failure.get() == null) {
                        bind.next(client, statement);
                        statement.execute();
                        executed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "jdbc-load-" + i));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("A baseline client failed after " + executed.get() + " statements", failure.get());
        }
        return new Result(executed.get(), executed.get() / seconds);
    }
}
