package dev.mentorship.eventsourcing.http;

import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A read model's list in a stable, total order, read by keyset: a page starts after the sort key of
 * the row before it ({@code where (a, b) > ($n, $m) order by a, b limit $k}), so with an index on the
 * filter's columns followed by the key's, any page is one index range scan of limit + 1 rows, the
 * first page as much as the thousandth. An offset would read and throw away every row before the
 * page, and rows inserted meanwhile would shift the pages under the client.
 *
 * <p>The key must be unique (end it with the row's id), or rows that share it would be skipped or
 * repeated between pages. Its columns are never updated, so a row keeps its place while a client walks
 * the list. Statements run through {@link SessionSql}: fixed text, {@code $n} parameters (the filter's
 * first, then the key's, then the limit), no Hibernate query plan per execution.
 */
public final class KeysetQuery<T> {

    public enum Direction {
        ASCENDING(">", "asc"), DESCENDING("<", "desc");

        private final String comparison;
        private final String order;

        Direction(String comparison, String order) {
            this.comparison = comparison;
            this.order = order;
        }
    }

    /** A column of the sort key and the Java type of its values: {@link Instant}, {@link String} or {@link Long}. */
    public record Key(String column, Class<?> type) {

        public static Key timestamp(String column) {
            return new Key(column, Instant.class);
        }

        public static Key text(String column) {
            return new Key(column, String.class);
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private final String list;
    private final List<Class<?>> types;
    private final Function<Object[], T> row;
    private final Function<T, List<?>> key;
    private final int filterParameters;
    private final String firstSql;
    private final String afterSql;

    /**
     * @param list   the list's name, carried in its cursors so that one list's cursor is refused by another
     * @param select {@code select <columns> from <table>}, the columns as {@code row} reads them
     * @param filter the where clause without {@code where}, with parameters {@code $1}... ; empty for none
     * @param keys   the sort key, most significant first, unique as a whole
     * @param row    a row as the Vert.x client gives it (timestamps as {@link OffsetDateTime}) to the list's row type
     * @param key    a row's sort key, in the order and types of {@code keys}
     */
    public KeysetQuery(String list, String select, String filter, Direction direction, List<Key> keys,
            Function<Object[], T> row, Function<T, List<?>> key) {
        this.list = list;
        this.types = keys.stream().<Class<?>>map(Key::type).toList();
        this.row = row;
        this.key = key;
        Matcher parameters = PARAMETER.matcher(filter);
        int highest = 0;
        while (parameters.find()) {
            highest = Math.max(highest, Integer.parseInt(parameters.group(1)));
        }
        this.filterParameters = highest;
        String columns = keys.stream().map(Key::column).collect(Collectors.joining(", "));
        String order = " order by " + keys.stream().map(k -> k.column() + " " + direction.order).collect(Collectors.joining(", "));
        String positions = IntStream.rangeClosed(highest + 1, highest + keys.size()).mapToObj(i -> "$" + i)
                .collect(Collectors.joining(", "));
        String after = "(" + columns + ") " + direction.comparison + " (" + positions + ")";
        this.firstSql = select + (filter.isEmpty() ? "" : " where " + filter) + order + " limit $" + (highest + 1);
        this.afterSql = select + " where " + (filter.isEmpty() ? "" : filter + " and ") + after + order
                + " limit $" + (highest + keys.size() + 1);
    }

    public String list() {
        return list;
    }

    /** The statement of a first page: the filter's parameters, then the limit. */
    public String firstSql() {
        return firstSql;
    }

    /** The statement of a later page: the filter's parameters, the key of the row before, then the limit. */
    public String afterSql() {
        return afterSql;
    }

    /** The statement's parameters, ready for the Vert.x client. */
    public Object[] parameters(Object[] filter, Optional<Cursor> after, int fetch) {
        if (filter.length != filterParameters) {
            throw new IllegalArgumentException(list + " takes " + filterParameters + " filter parameters, not " + filter.length);
        }
        List<Object> parameters = new ArrayList<>(List.of(filter));
        after.ifPresent(cursor -> cursor.key().forEach(part -> parameters.add(part instanceof Instant instant
                ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : part)));
        parameters.add((long) fetch);
        return parameters.toArray();
    }

    /** The cursor of {@code after} read as a position in this list; 400 when it is none. */
    public Optional<Cursor> position(PageRequest request) {
        return request.after().map(token -> Cursor.decode(token, list, types));
    }

    /** The page the request asks for, read in the current reactive session. A malformed {@code after} fails before anything is read. */
    public Uni<Page<T>> page(PageRequest request, Object... filter) {
        Optional<Cursor> after = position(request);
        Object[] parameters = parameters(filter, after, request.fetch());
        return SessionSql.select(after.isPresent() ? afterSql : firstSql, parameters)
                .map(rows -> Page.of(rows.stream().map(row).toList(), request, this::cursor));
    }

    /**
     * Every row, in order, as pages of {@code size} read one after the other as the subscriber asks: each
     * in a session of its own, so a slow reader holds no connection between batches and no more than
     * one batch is in memory. The rows are not a snapshot: each batch reads the table as it is then.
     * Subscribe on the Vert.x context this is called on (a request's), where the sessions are opened.
     */
    public Multi<List<T>> batches(int size, Object... filter) {
        return batches(size, rows -> Uni.createFrom().item(rows), filter);
    }

    /** As {@link #batches(int, Object...)}, each batch turned by {@code each} in the session that read it (to join it with other rows). */
    public <V> Multi<List<V>> batches(int size, Function<List<T>, Uni<List<V>>> each, Object... filter) {
        PageRequest batch = PageRequest.first(size);
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        return Multi.createBy().repeating()
                .uni(Walk::new, walk -> Uni.createFrom().deferred(() -> Panache.withSession(() ->
                                SessionSql.select(walk.after.isPresent() ? afterSql : firstSql, parameters(filter, walk.after, batch.fetch()))
                                        .map(rows -> Page.of(rows.stream().map(row).toList(), batch, this::cursor))
                                        .chain(page -> each.apply(page.rows()).map(page::withRows))))
                        .runSubscriptionOn(onContext)
                        .invoke(page -> walk.after = page.next()))
                .whilst(page -> page.next().isPresent())
                .map(Page::rows);
    }

    private Cursor cursor(T value) {
        return Cursor.of(list, key.apply(value));
    }

    /** Where a walk through every row has got to; one per subscriber. */
    private static final class Walk {
        private Optional<Cursor> after = Optional.empty();
    }
}
