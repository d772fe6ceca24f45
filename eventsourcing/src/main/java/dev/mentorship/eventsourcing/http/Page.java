package dev.mentorship.eventsourcing.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list and, while rows remain, the position the next one starts after. On the wire the
 * page is the same JSON array a whole list was; the next page travels in a {@code Link} header, so
 * clients that read the body keep working and none of them has to learn an envelope.
 */
public record Page<T>(List<T> rows, Optional<Cursor> next) {

    public Page {
        rows = List.copyOf(rows);
    }

    /**
     * The page from rows read one past the limit ({@link PageRequest#fetch()}): the extra row, when it
     * came, only says that a next page exists, which then starts after the page's last row.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> position) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, Optional.empty());
        }
        List<T> rows = fetched.subList(0, request.limit());
        return new Page<>(rows, Optional.of(position.apply(rows.get(rows.size() - 1))));
    }

    /** The same page with each row turned into what the client sees; the position stays. */
    public <V> Page<V> map(Function<T, V> view) {
        return new Page<>(rows.stream().map(view).toList(), next);
    }

    /** The same position with other rows, e.g. the page's rows joined with what another query read for them. */
    public <V> Page<V> withRows(List<V> replaced) {
        return new Page<>(replaced, next);
    }

    /** 200 with the rows as a JSON array and, unless this is the last page, {@code Link: <next>; rel="next"}. */
    public Response response(URI requestUri) {
        Response.ResponseBuilder ok = Response.ok(rows, MediaType.APPLICATION_JSON);
        next.ifPresent(cursor -> ok.header("Link", "<" + nextPage(requestUri, cursor) + ">; rel=\"next\""));
        return ok.build();
    }

    /**
     * The request's own address with {@code after} set to the cursor: every other parameter (a filter,
     * the limit) is kept as the client sent it, so following the links walks the list the client asked for.
     */
    static URI nextPage(URI requestUri, Cursor cursor) {
        StringBuilder query = new StringBuilder();
        String raw = requestUri.getRawQuery();
        if (raw != null) {
            for (String parameter : raw.split("&")) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (!parameter.isEmpty() && !name.equals(PageRequest.AFTER)) {
                    query.append(parameter).append('&');
                }
            }
        }
        // base64url needs no escaping in a query.
        query.append(PageRequest.AFTER).append('=').append(cursor.encode());
        String address = requestUri.getScheme() == null ? "" : requestUri.getScheme() + "://" + requestUri.getRawAuthority();
        return URI.create(address + requestUri.getRawPath() + "?" + query);
    }
}
