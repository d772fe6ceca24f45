package dev.mentorship.eventsourcing.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.BatchingConnection;
import org.hibernate.reactive.pool.ReactiveConnection;
import org.hibernate.reactive.pool.impl.SqlClientConnection;

/**
 * The kernel's own SQL, run on the connection of the current reactive session: same connection, same
 * transaction as the entities the caller writes, so an append, its outbox rows and a projection's rows
 * still commit or fail together. Statements use PostgreSQL's {@code $1} parameters.
 *
 * <p>Why not {@code session.createNativeQuery}: Hibernate Reactive wraps every native select's result
 * mapping in a fresh object without {@code equals}, so each execution misses the query plan cache and
 * adds an entry under the same hash; the cache fills with entries that never match and each lookup
 * walks them. On the command path that cost more CPU than anything else in the service. The kernel's
 * statements are fixed and map no entities, so they skip Hibernate's query layer altogether. Entity
 * changes still pending in the session are not flushed first; kernel tables are never mapped as
 * entities, so no kernel statement depends on them.
 */
public final class SessionSql {

    private SessionSql() {
    }

    /** Rows of a select, each as an array of column values (Vert.x types: Long, Integer, String, OffsetDateTime, ...). */
    public static Uni<List<Object[]>> select(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> Uni.createFrom()
                .completionStage(() -> connection(session).select(sql, parameters))
                .map(result -> {
                    List<Object[]> rows = new ArrayList<>();
                    result.forEachRemaining(rows::add);
                    return rows;
                }));
    }

    /** The single value of a one-row, one-column select. */
    public static Uni<Object> value(String sql, Object... parameters) {
        return select(sql, parameters).map(rows -> rows.get(0)[0]);
    }

    /** Rows changed by an insert, update or delete. */
    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> Uni.createFrom()
                .completionStage(() -> connection(session).update(sql, parameters)));
    }

    /**
     * Runs {@code action} once the current session's transaction has committed (not if it rolls
     * back); outside a transaction, at once. Hibernate Reactive has no commit callback of its own, so
     * this reads the Vert.x transaction of the session's connection; returns false when that
     * connection is of a kind it does not know, and then runs nothing.
     */
    public static Uni<Boolean> afterCommit(Runnable action) {
        return Panache.getSession().map(session -> {
            SqlConnection vertx = vertxConnection(connection(session));
            if (vertx == null) {
                return false;
            }
            Transaction transaction = vertx.transaction();
            if (transaction == null) {
                action.run();
            } else {
                transaction.completion().onSuccess(committed -> action.run());
            }
            return true;
        });
    }

    private static final VarHandle SQL_CONNECTION = field(SqlClientConnection.class, "connection", SqlConnection.class);
    private static final VarHandle BATCHED = field(BatchingConnection.class, "delegate", ReactiveConnection.class);

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The Vert.x connection under Hibernate Reactive's wrappers, or null for a kind this does not know. */
    private static SqlConnection vertxConnection(ReactiveConnection connection) {
        ReactiveConnection current = connection;
        while (BATCHED != null && current instanceof BatchingConnection batching) {
            current = (ReactiveConnection) BATCHED.get(batching);
        }
        if (SQL_CONNECTION != null && current instanceof SqlClientConnection client) {
            return (SqlConnection) SQL_CONNECTION.get(client);
        }
        return null;
    }

    private static ReactiveConnection connection(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException("Unexpected reactive session type " + session.getClass().getName());
    }
}
