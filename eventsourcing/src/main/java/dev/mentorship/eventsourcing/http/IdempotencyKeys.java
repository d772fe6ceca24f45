package dev.mentorship.eventsourcing.http;

import dev.mentorship.eventsourcing.command.Created;
import dev.mentorship.eventsourcing.decider.DomainException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The {@code Idempotency-Key} request header of the creating endpoints (IETF
 * draft-ietf-httpapi-idempotency-key-header): a client that did not learn the outcome of a create (a
 * timeout, a 503 while the commit was under way) sends it again with the same key and gets the
 * object the first request created, instead of a second one.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    /** Set to {@code true} on the answer to a repeat, which wrote nothing. */
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 255;
    /** What the OpenAPI document says of the header. */
    public static final String DESCRIPTION = "Optional. A key the client makes up for this create, such as a UUID (at most 255 visible "
            + "ASCII characters). Sent again with the same request, it answers 201 with the object the first request created, "
            + "header Idempotent-Replayed: true, and creates nothing; with a different request, 422. Use it to retry safely after "
            + "a timeout or a 503.";

    private IdempotencyKeys() {
    }

    /**
     * The key a request carries, if any. The draft writes it as a structured-field string
     * ({@code "8e03978e-..."}); the bare value that most clients send is taken as well.
     */
    public static Optional<String> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw DomainException.invalidInput(HEADER + " must be 1 to " + MAX_LENGTH
                    + " visible ASCII characters without spaces, such as a UUID");
        }
        return Optional.of(key);
    }

    /** 201 with the new object's id and location, marked as a replay when the create had been done before. */
    public static RestResponse<Map<String, String>> created(String collection, Created<?> created) {
        RestResponse.ResponseBuilder<Map<String, String>> response = RestResponse.ResponseBuilder
                .<Map<String, String>>created(URI.create(collection + "/" + created.id()))
                .entity(Map.of("id", created.id()))
                .tag(Versions.etag(created.result().version()));
        return created.replayed() ? response.header(REPLAYED, "true").build() : response.build();
    }
}
