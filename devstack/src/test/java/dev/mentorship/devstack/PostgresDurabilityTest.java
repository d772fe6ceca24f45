package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's own database keeps data across restarts and promises that an acknowledged command is
 * not lost, so its commits wait for the WAL flush; a throwaway test database does not.
 */
class PostgresDurabilityTest {

    @TempDir
    Path work;

    @Test
    void kept_data_is_flushed_before_a_commit_returns() throws Exception {
        try (Postgres postgres = Postgres.start(Ports.free(), work.resolve("kept"), true)) {
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void throwaway_data_skips_the_flushes() throws Exception {
        try (Postgres postgres = Postgres.start(Ports.free(), work.resolve("throwaway"), false)) {
            assertThat(setting(postgres, "fsync")).isEqualTo("off");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("off");
        }
    }

    private static String setting(Postgres postgres, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
