package dev.mentorship.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mentorship.devstack.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel migrations (V1-V99) and the service's own (V100 and up) share one Flyway history. A database
 * a service has already migrated past V100 must still take a kernel migration released later, with the
 * settings the service starts with.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "matching"))
class KernelMigrationUpgradeTest {

    private static final Path KERNEL = Path.of("../eventsourcing/src/main/resources/db/eventsourcing");
    private static final Path SERVICE = Path.of("src/main/resources/db/migration");

    @Inject
    AgroalDataSource jdbc;

    @Test
    void a_later_kernel_migration_runs_on_a_database_already_past_the_service_migrations(@TempDir Path firstRelease) throws Exception {
        String database = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        String url = config("quarkus.datasource.jdbc.url").replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        String user = config("quarkus.datasource.username");
        String password = config("quarkus.datasource.password");
        // The first release: kernel V1 only, then the service's own migrations.
        Files.copy(KERNEL.resolve("V1__event_store.sql"), firstRelease.resolve("V1__event_store.sql"));
        Flyway.configure().dataSource(url, user, password)
                .locations("filesystem:" + firstRelease, "filesystem:" + SERVICE)
                .load().migrate();
        assertThat(indexes(url, user, password)).contains("events_recorded_at");

        // The next release adds V2 in the kernel; the service starts with its own Flyway settings.
        Flyway.configure().dataSource(url, user, password)
                .locations("filesystem:" + KERNEL, "filesystem:" + SERVICE)
                .outOfOrder(ConfigProvider.getConfig().getOptionalValue("quarkus.flyway.out-of-order", Boolean.class).orElse(false))
                .load().migrate();

        assertThat(indexes(url, user, password)).doesNotContain("events_recorded_at").contains("events_transaction_order");
        assertThat(appliedVersions(url, user, password)).contains("1", "2", "100", "101", "102");
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    private static List<String> indexes(String url, String user, String password) throws Exception {
        return strings(url, user, password, "select indexname from pg_indexes where tablename = 'events'");
    }

    private static List<String> appliedVersions(String url, String user, String password) throws Exception {
        return strings(url, user, password, "select version from flyway_schema_history where success and version is not null");
    }

    private static List<String> strings(String url, String user, String password, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
