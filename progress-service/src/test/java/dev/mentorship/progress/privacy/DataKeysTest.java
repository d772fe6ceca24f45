package dev.mentorship.progress.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mentorship.devstack.PlatformTestResource;
import dev.mentorship.eventsourcing.privacy.DataKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** The data keys the service keeps in its own database, wrapped under its key-encryption key. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database", value = "progress"))
class DataKeysTest {

    @Inject
    DataKeys keys;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void a_key_is_made_once_stored_wrapped_and_once_erased_never_made_again() throws Throwable {
        String id = UUID.randomUUID().toString();
        SecretKey made = write(id).get(id);
        assertThat(made.getEncoded()).hasSize(32);
        assertThat(write(id).get(id).getEncoded()).isEqualTo(made.getEncoded());
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> keys.forReading(Set.of(id)))).get(id).getEncoded())
                .isEqualTo(made.getEncoded());
        // What the table holds is the key sealed under the key-encryption key, not the key.
        String stored = value("select wrapped from data_keys where key_id = '" + id + "'");
        assertThat(java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(stored)))
                .doesNotContain(java.util.HexFormat.of().formatHex(made.getEncoded()));

        String never = UUID.randomUUID().toString();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> keys.erase(Set.of(id, never))))).isEqualTo(1);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> keys.erase(Set.of(id))))).isZero();
        assertThat(write(id)).isEmpty();
        assertThat(write(never)).isEmpty();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> keys.forReading(Set.of(id, never))))).isEmpty();
        assertThat(value("select count(*) from data_keys where key_id in ('" + id + "', '" + never + "') and wrapped is null")).isEqualTo("2");
    }

    @Test
    void two_writers_making_the_same_key_at_once_get_the_one_that_committed() throws Throwable {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<SecretKey> madeFirst = new CompletableFuture<>();
        // The first writer makes the key and holds its transaction open.
        CompletableFuture<SecretKey> first = CompletableFuture.supplyAsync(() -> completed(() -> Panache.withTransaction(() -> keys.forWriting(Set.of(id))
                .invoke(found -> madeFirst.complete(found.get(id))).call(() -> released(release))).map(found -> found.get(id))));
        CompletableFuture<SecretKey> second;
        SecretKey held;
        try {
            held = madeFirst.get(20, TimeUnit.SECONDS);
            // The second waits on the first's row, which its statement cannot see once committed: it reads it again.
            second = CompletableFuture.supplyAsync(() -> completed(() -> Panache.withTransaction(() -> keys.forWriting(Set.of(id)))
                    .map(found -> found.get(id))));
            // It stays blocked while the first holds its transaction open.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        } finally {
            // Never leaves the first transaction open, whatever failed.
            release.complete(null);
        }
        assertThat(first.get(20, TimeUnit.SECONDS).getEncoded()).isEqualTo(held.getEncoded());
        assertThat(second.get(20, TimeUnit.SECONDS).getEncoded()).isEqualTo(held.getEncoded());
    }

    /** Completes once {@code release} does, back on the transaction's own Vert.x context. */
    private static Uni<Void> released(CompletableFuture<Void> release) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> release.thenRun(() -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private Map<String, SecretKey> write(String id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> keys.forWriting(Set.of(id))));
    }

    private static <T> T completed(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    private String value(String query) throws Exception {
        try (Connection connection = jdbc.getConnection(); Statement run = connection.createStatement(); ResultSet rows = run.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
