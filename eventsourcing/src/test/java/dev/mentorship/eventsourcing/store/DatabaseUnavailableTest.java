package dev.mentorship.eventsourcing.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/** Which failures are an outage of PostgreSQL (503, retry) and which are not (the request's or the code's fault). */
class DatabaseUnavailableTest {

    @Test
    void a_server_that_cannot_be_reached_or_is_going_away_is_unavailable_however_deeply_wrapped() {
        assertThat(DatabaseUnavailable.causes(new ConnectException("Connection refused"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new SocketException("Connection reset by peer")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new java.io.IOException("Connection reset by peer"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new CompletionException(new HibernateException(ClosedConnectionException.INSTANCE)))).isTrue();
        assertThat(DatabaseUnavailable.causes(new NoStackTraceTimeoutException("Timeout"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED")))
                .isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new io.vertx.core.VertxException(
                "Failed to read any response from the server, the underlying connection may have been lost unexpectedly.")))).isTrue();
        for (String state : new String[] {"57P01", "57P02", "57P03", "53300", "08006", "08001"}) {
            assertThat(DatabaseUnavailable.causes(new RuntimeException(pg(state)))).as(state).isTrue();
        }
        assertThat(DatabaseUnavailable.describe(new RuntimeException(pg("57P01")))).startsWith("PgException: ");
    }

    @Test
    void a_refused_statement_or_a_bug_is_not_an_outage() {
        for (String state : new String[] {"23505", "40001", "42P01", "22P02", "57014"}) {
            assertThat(DatabaseUnavailable.causes(new RuntimeException(pg(state)))).as(state).isFalse();
        }
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new io.vertx.core.VertxException("Result is already complete"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(pg("23505")) {
            @Override
            public String getMessage() {
                return "duplicate key on connection 7";
            }
        })).isFalse();
        assertThat(DatabaseUnavailable.causes(new com.fasterxml.jackson.core.JsonParseException(null, "not JSON"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new NullPointerException())).isFalse();
    }

    private static PgException pg(String state) {
        return new PgException("server says " + state, "FATAL", state, null);
    }
}
