package dev.mentorship.matching.hr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Problem;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.http.Ids;
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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WebhookResource.class);

    /** {@code id} is the stored delivery's, by which the admin API names it; {@code deliveryId} the provider's. */
    public record Accepted(String id, String source, String deliveryId, String status, boolean replayed) {
    }

    public record Delivery(String id, String source, String deliveryId, String status, int attempts, String lastError, String outcome,
            Instant receivedAt, Instant processedAt) {

        private static final String COLUMNS = "id::text, source, delivery_id, status, attempts, last_error, outcome, received_at, processed_at";

        static Delivery of(Object[] row) {
            return new Delivery((String) row[0], (String) row[1], (String) row[2], (String) row[3], (Integer) row[4], (String) row[5],
                    (String) row[6], Rows.asInstant(row[7]), Rows.asInstant(row[8]));
        }
    }

    private static final List<String> STATUSES = List.of("RECEIVED", "PROCESSING", "RETRYING", "PROCESSED", "IGNORED", "FAILED");

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
        if (type == null || !"application".equals(type.getType()) || !("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))) {
            return Uni.createFrom().item(problem(415, "unsupported-media-type", "Unsupported Media Type", "A delivery is application/json"));
        }
        Map<String, String> headers = new TreeMap<>();
        // Several lines of one header are joined by a space, as Standard Webhooks separates signatures.
        httpHeaders.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(" ", values)));
        byte[] received = body == null ? new byte[0] : body;
        List<String> secrets = config.getOptionalValues("hr.webhooks." + source + ".secrets", String.class).orElse(List.of());
        WebhookVerifier.Verdict verdict = WebhookVerifier.verify(source, headers, received, secrets, clock.instant());
        if (!verdict.accepted()) {
            if (secrets.isEmpty()) {
                LOG.warnf("An HR delivery from %s was refused: no secret is configured for it (hr.webhooks.%s.secrets)", source, source);
            }
            return reject(source, verdict.reason(), headers, received).replaceWith(problem(401, "unauthorized", "Unauthorized",
                    secrets.isEmpty() ? "The delivery is not signed with a secret of this source" : verdict.reason()));
        }
        // Counted once signed: unsigned requests cannot spend a source's rate and hold back its real deliveries.
        if (!withinRate(source)) {
            return Uni.createFrom().item(Response.fromResponse(problem(429, "too-many-requests", "Too Many Requests",
                    "More than " + ratePerMinute + " deliveries a minute from " + source)).header("Retry-After", "60").build());
        }
        String text = utf8(received);
        String shapeless = text == null ? "A delivery's body is UTF-8 JSON without NUL characters" : shapeless(source, text, verdict.deliveryId());
        if (shapeless != null) {
            return reject(source, shapeless, headers, received).replaceWith(problem(400, "invalid-input", "Invalid input", shapeless));
        }
        return store(source, verdict.deliveryId(), headers, received, text);
    }

    @GET
    @Path("/admin/webhooks/deliveries")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored HR deliveries and SCIM changes (source scim), newest first, by source and status (RECEIVED, PROCESSING, RETRYING,"
            + " PROCESSED, IGNORED, FAILED); at most 500")
    public Uni<List<Delivery>> deliveries(@QueryParam("source") String source, @QueryParam("status") String status) {
        if (source != null && !WebhookVerifier.SOURCES.contains(source) && !"scim".equals(source)) {
            // SCIM writes are recorded as deliveries too (source scim), worked out the same way.
            throw DomainException.invalidInput("source is one of " + String.join(", ", WebhookVerifier.SOURCES) + ", scim");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw DomainException.invalidInput("status is one of " + String.join(", ", STATUSES));
        }
        return Panache.withSession(() -> SessionSql.select("select " + Delivery.COLUMNS + " from hr_deliveries"
                + " where ($1::text is null or source = $1) and ($2::text is null or status = $2) order by received_at desc limit 500", source, status))
                .map(rows -> rows.stream().map(Delivery::of).toList());
    }

    @POST
    @Path("/admin/webhooks/deliveries/{id}/replay")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Processes a stored delivery again, from the start, as soon as the processor runs",
            description = "{id} is the stored delivery's id (id in the list). 409 while the delivery is being worked out.")
    public Uni<Delivery> replay(@PathParam("id") String id) {
        String uuid = Ids.parse(id, "delivery").toString();
        return Panache.withSession(() -> SessionSql.select("update hr_deliveries set status = 'RECEIVED', next_attempt_at = now(), last_error = null"
                + " where id = $1::uuid and not (status = 'PROCESSING' and next_attempt_at > now()) returning " + Delivery.COLUMNS, uuid)
                .chain(rows -> rows.isEmpty() ? SessionSql.select("select status from hr_deliveries where id = $1::uuid", uuid).map(found -> {
                    if (found.isEmpty()) {
                        throw DomainException.notFound("No delivery " + id);
                    }
                    throw DomainException.invalidTransition("Delivery " + id + " is being worked out now; replay it once it is done");
                }) : Uni.createFrom().item(rows))).map(rows -> Delivery.of(rows.getFirst()));
    }

    /** Why a verified body cannot be a delivery of the source; null when it can. */
    private String shapeless(String source, String text, String deliveryId) {
        if (deliveryId.length() > 255) {
            return "A delivery id is at most 255 characters";
        }
        JsonNode payload;
        try {
            payload = json.readTree(text);
        } catch (java.io.IOException e) {
            return "A delivery's body is a JSON object";
        }
        if (payload == null || !payload.isObject()) {
            return "A delivery's body is a JSON object";
        }
        return switch (source) {
            case "standard" -> !payload.path("type").isTextual() || !identifier(payload.path("data").path("id"))
                    ? "A Standard Webhooks delivery has a type and data.id" : null;
            case "bamboohr" -> !payload.path("employees").isArray() || java.util.stream.StreamSupport.stream(payload.path("employees").spliterator(), false)
                    .anyMatch(employee -> !identifier(employee.path("id"))) ? "A BambooHR delivery lists employees, each with an id" : null;
            case "hibob" -> !payload.path("type").isTextual() || !identifier(payload.path("data").path("employeeId"))
                    ? "A HiBob delivery has a type and data.employeeId" : null;
            default -> null;
        };
    }

    private static boolean identifier(JsonNode id) {
        return (id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank() && id.asText().length() <= 255;
    }

    /** The body as UTF-8 text, or null when it is not (or holds a NUL, which no text column keeps). */
    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
            return text.indexOf('\u0000') >= 0 ? null : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private Uni<Response> store(String source, String deliveryId, Map<String, String> headers, byte[] body, String text) {
        String digest = WebhookVerifier.digest(body);
        return Panache.withSession(() -> SessionSql.select("insert into hr_deliveries (source, delivery_id, body_digest, headers, body, status)"
                + " values ($1, $2, $3, $4, $5, 'RECEIVED') on conflict (source, delivery_id) do nothing returning id::text", source, deliveryId, digest,
                headersText(headers), text).chain(inserted -> {
                    if (!inserted.isEmpty()) {
                        return Uni.createFrom().item(Response.accepted(new Accepted((String) inserted.getFirst()[0], source, deliveryId, "RECEIVED",
                                false)).build());
                    }
                    return SessionSql.select("select body_digest, status, id::text from hr_deliveries where source = $1 and delivery_id = $2", source,
                            deliveryId)
                            .map(rows -> {
                                if (!digest.equals(rows.getFirst()[0])) {
                                    return problem(409, "delivery-id-reused", "Delivery id already used",
                                            "Delivery " + deliveryId + " from " + source + " was received with another body");
                                }
                                return Response.ok(new Accepted((String) rows.getFirst()[2], source, deliveryId, (String) rows.getFirst()[1], true))
                                        .build();
                            });
                }));
    }

    private Uni<Void> reject(String source, String reason, Map<String, String> headers, byte[] body) {
        return Panache.withSession(() -> SessionSql.update("insert into hr_rejected_deliveries (source, reason, headers, body_digest)"
                + " values ($1, $2, $3, $4)", source, reason, headersText(headers), WebhookVerifier.digest(body))).replaceWithVoid()
                // The refusal stands whether or not its audit row could be written.
                .onFailure().invoke(failure -> LOG.warnf("A refused HR delivery from %s could not be kept for audit: %s", source,
                        failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
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

}
