package dev.mentorship.matching.hr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Problem;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * HR tools' webhooks. A delivery is checked (source, content type, rate, signature, JSON), stored as
 * received, and answered at once; what it means for the program is worked out from the stored delivery
 * afterwards. A delivery sent again is answered as the first time and changes nothing; its id with
 * another body is a 409. Refused deliveries are kept for audit and never processed.
 */
@Path("/")
@Tag(name = "HR webhooks")
public class WebhookResource {

    public record Accepted(String source, String deliveryId, String status, boolean replayed) {
    }

    public record Delivery(String source, String deliveryId, String status, int attempts, String lastError, String outcome, Instant receivedAt,
            Instant processedAt) {
    }

    private final Config config;
    private final ObjectMapper json;
    private final Clock clock;
    private final int ratePerMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Deliveries counted in the current minute, per source. */
    private record Window(long minute, AtomicInteger count) {
    }

    public WebhookResource(Config config, ObjectMapper json, Clock clock,
            @ConfigProperty(name = "hr.webhooks.rate-per-minute", defaultValue = "600") int ratePerMinute) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.ratePerMinute = ratePerMinute;
    }

    @POST
    @Path("/webhooks/hr/{source}")
    // No bearer token: an HR tool signs each delivery with the source's shared secret, checked before anything is stored.
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A delivery from an HR tool: standard (Standard Webhooks 1.0), bamboohr, hibob or personio",
            description = "Signed as the tool signs it (no bearer token). 202 once stored; the same delivery again is answered alike and "
                    + "changes nothing (replayed: true); its id with another body is 409. 401 unsigned, wrongly signed, or a timestamp more "
                    + "than 5 minutes off; 400 a body that is not JSON; 413 too large; 415 not application/json; 429 over the source's rate.")
    public Uni<Response> receive(@PathParam("source") String source, @Context HttpHeaders httpHeaders, byte[] body) {
        if (!WebhookVerifier.SOURCES.contains(source)) {
            throw DomainException.notFound("No HR source " + source + "; there are " + String.join(", ", WebhookVerifier.SOURCES));
        }
        MediaType type = httpHeaders.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Uni.createFrom().item(problem(415, "unsupported-media-type", "Unsupported Media Type", "A delivery is application/json"));
        }
        if (!withinRate(source)) {
            return Uni.createFrom().item(Response.fromResponse(problem(429, "too-many-requests", "Too Many Requests",
                    "More than " + ratePerMinute + " deliveries a minute from " + source)).header("Retry-After", "60").build());
        }
        Map<String, String> headers = new TreeMap<>();
        httpHeaders.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        byte[] received = body == null ? new byte[0] : body;
        List<String> secrets = config.getOptionalValues("hr.webhooks." + source + ".secrets", String.class).orElse(List.of());
        WebhookVerifier.Verdict verdict = WebhookVerifier.verify(source, headers, received, secrets, clock.instant());
        if (!verdict.accepted()) {
            return reject(source, verdict.reason(), headers, received)
                    .replaceWith(problem(401, "unauthorized", "Unauthorized", verdict.reason()));
        }
        JsonNode payload;
        try {
            payload = json.readTree(received);
        } catch (java.io.IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            return reject(source, "Body is not a JSON object", headers, received)
                    .replaceWith(problem(400, "invalid-input", "Invalid input", "A delivery's body is a JSON object"));
        }
        return store(source, verdict.deliveryId(), headers, received);
    }

    @GET
    @Path("/admin/webhooks/deliveries")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored HR deliveries, newest first, by source and status (RECEIVED, RETRYING, PROCESSED, IGNORED, FAILED); at most 500")
    public Uni<List<Delivery>> deliveries(@QueryParam("source") String source, @QueryParam("status") String status) {
        return Panache.withSession(() -> SessionSql.select("select source, delivery_id, status, attempts, last_error, outcome, received_at, processed_at"
                + " from hr_deliveries where ($1::text is null or source = $1) and ($2::text is null or status = $2)"
                + " order by received_at desc limit 500", source, status)).map(rows -> rows.stream().map(row -> new Delivery((String) row[0],
                        (String) row[1], (String) row[2], (Integer) row[3], (String) row[4], (String) row[5], instant(row[6]), instant(row[7])))
                .toList());
    }

    @POST
    @Path("/admin/webhooks/deliveries/{source}/{deliveryId}/replay")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Processes a stored delivery again, from the start, as soon as the processor runs")
    public Uni<Delivery> replay(@PathParam("source") String source, @PathParam("deliveryId") String deliveryId) {
        return Panache.withSession(() -> SessionSql.select("update hr_deliveries set status = 'RECEIVED', next_attempt_at = now(), last_error = null"
                + " where source = $1 and delivery_id = $2 returning source, delivery_id, status, attempts, last_error, outcome, received_at,"
                + " processed_at", source, deliveryId)).map(rows -> {
                    if (rows.isEmpty()) {
                        throw DomainException.notFound("No delivery " + deliveryId + " from " + source);
                    }
                    Object[] row = rows.getFirst();
                    return new Delivery((String) row[0], (String) row[1], (String) row[2], (Integer) row[3], (String) row[4], (String) row[5],
                            instant(row[6]), instant(row[7]));
                });
    }

    private Uni<Response> store(String source, String deliveryId, Map<String, String> headers, byte[] body) {
        String digest = WebhookVerifier.digest(body);
        String text = new String(body, StandardCharsets.UTF_8);
        return Panache.withSession(() -> SessionSql.select("insert into hr_deliveries (source, delivery_id, body_digest, headers, body, status)"
                + " values ($1, $2, $3, $4, $5, 'RECEIVED') on conflict (source, delivery_id) do nothing returning status", source, deliveryId, digest,
                headersText(headers), text).chain(inserted -> {
                    if (!inserted.isEmpty()) {
                        return Uni.createFrom().item(Response.accepted(new Accepted(source, deliveryId, "RECEIVED", false)).build());
                    }
                    return SessionSql.select("select body_digest, status from hr_deliveries where source = $1 and delivery_id = $2", source, deliveryId)
                            .map(rows -> {
                                if (!digest.equals(rows.getFirst()[0])) {
                                    return problem(409, "delivery-id-reused", "Delivery id already used",
                                            "Delivery " + deliveryId + " from " + source + " was received with another body");
                                }
                                return Response.ok(new Accepted(source, deliveryId, (String) rows.getFirst()[1], true)).build();
                            });
                }));
    }

    private Uni<Void> reject(String source, String reason, Map<String, String> headers, byte[] body) {
        Map<String, String> kept = new TreeMap<>(headers);
        kept.computeIfPresent("authorization", (name, value) -> "(withheld)");
        return Panache.withSession(() -> SessionSql.update("insert into hr_rejected_deliveries (source, reason, headers, body_digest)"
                + " values ($1, $2, $3, $4)", source, reason, headersText(kept), WebhookVerifier.digest(body))).replaceWithVoid();
    }

    private boolean withinRate(String source) {
        long minute = clock.millis() / 60_000;
        Window window = windows.compute(source, (key, current) -> current == null || current.minute() != minute
                ? new Window(minute, new AtomicInteger()) : current);
        return window.count().incrementAndGet() <= ratePerMinute;
    }

    private String headersText(Map<String, String> headers) {
        try {
            Map<String, String> kept = new TreeMap<>(headers);
            kept.computeIfPresent("authorization", (name, value) -> "(withheld)");
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response problem(int status, String type, String title, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, type, title, detail)).build();
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }
}
