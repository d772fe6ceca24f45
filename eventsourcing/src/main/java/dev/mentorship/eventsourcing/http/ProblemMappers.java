package dev.mentorship.eventsourcing.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.security.SubjectRequired;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.DatabaseUnavailable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves the service as problem+json with a stable type URI; nothing leaks a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** What a 503 asks clients to wait before they retry; a restarted database takes a few seconds. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ObjectMapper json;
    private final AllowedMethods allowedMethods;
    private final CurrentVertxRequest request;

    public ProblemMappers(ObjectMapper json, AllowedMethods allowedMethods, CurrentVertxRequest request) {
        this.json = json;
        this.allowedMethods = allowedMethods;
        this.request = request;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return switch (e.kind()) {
            case INVALID_INPUT -> problem(400, "invalid-input", "Invalid input", e.getMessage());
            case RULE_VIOLATED -> problem(422, "rule-violated", "Not allowed by the program's rules", e.getMessage());
            case NOT_FOUND -> problem(404, "not-found", "Not found", e.getMessage());
            case INVALID_TRANSITION -> problem(409, "invalid-transition", "Not possible in the current state", e.getMessage());
            case DUPLICATE -> problem(409, "duplicate", "Already exists", e.getMessage());
            case NOT_ALLOWED -> problem(403, "forbidden", "Forbidden", e.getMessage());
            case KEY_REUSED -> problem(422, "idempotency-key-reused", "Idempotency-Key already used", e.getMessage());
            case NOT_READY -> Response.fromResponse(problem(503, "not-ready", "Not ready yet", e.getMessage()))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        };
    }

    @ServerExceptionMapper
    public Response concurrency(ConcurrencyConflict e) {
        return e.preconditionFailed()
                ? problem(412, "stale-version", "Precondition failed", e.getMessage())
                : problem(409, "concurrent-change", "Changed concurrently", e.getMessage());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        String detail;
        if (e instanceof StrictJson.UnstorableText unstorable) {
            detail = "Field '" + path(unstorable) + "' " + unstorable.reason();
        } else if (e instanceof JsonParseException) {
            detail = "The body is not valid JSON: " + e.getOriginalMessage();
        } else if (e instanceof InvalidFormatException invalid) {
            detail = "Field '" + path(invalid) + "' has the wrong type or format: " + invalid.getValue() + " is not a "
                    + invalid.getTargetType().getSimpleName();
        } else if (e instanceof MismatchedInputException mismatched) {
            String field = path(mismatched);
            detail = field.isEmpty()
                    ? "The body does not have the expected shape: " + e.getOriginalMessage()
                    : "Field '" + field + "' has the wrong type: expected " + mismatched.getTargetType().getSimpleName();
        } else {
            detail = "The body cannot be read: " + e.getOriginalMessage();
        }
        return problem(400, "invalid-json", "Malformed request body", detail);
    }

    // Quarkus ships its own mappers for these subtypes; naming them here keeps every answer problem+json.
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response parse(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return problem(400, "invalid-input", "Invalid input", detail, errors);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return problem(401, "unauthorized", "Unauthorized", "A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        String subjectRefused = e.getAttribute(SubjectRequired.DETAIL);
        if (subjectRefused != null) {
            // Signed and current, but naming no one: say so, or the client looks for a fault in its signature.
            return problem(401, "unauthorized", "Unauthorized", subjectRefused);
        }
        return problem(401, "unauthorized", "Unauthorized", "The bearer token is missing, expired or not trusted");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Forbidden", "Your role does not allow this");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return problem(status, "server-error", "Server error", "The request could not be completed");
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        if (status == 405 || status == 404) {
            // RFC 9110 15.5.6: a 405 says which methods the address takes. The REST layer answers 404
            // instead when another resource class shares the start of the address (/cohorts and
            // /cohorts/{id}/matching-rounds): an address that exists, asked with a method it does not
            // take, is a 405 too. A 404 for a method the address takes (an unknown id) stays.
            Optional<Set<String>> allowed = allowedMethods.at(uri.getPath());
            if (allowed.isPresent() && !allowed.get().contains(request.getMethod())) {
                String allow = String.join(", ", allowed.get());
                return Response.fromResponse(problem(405, "http-405", "Method Not Allowed", "This address takes " + allow))
                        .header(HttpHeaders.ALLOW, allow).build();
            }
        }
        return problem(status, "http-" + status, title, e.getMessage());
    }

    // Throwable, not Exception: the reactive PostgreSQL client fails with bare Vert.x throwables,
    // which would otherwise reach Quarkus' own error page as a 500 that is not problem+json.
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof IOException && RequestLimits.refusedWhileRead(request.getCurrent())) {
            // Not an outage: the body grew past the limit as it was read, and the REST layer has already
            // answered 413. Nothing is left to answer, and the failure to answer again stops in RequestLimits.
            LOG.debugf("Body refused past the size limit while read: %s", e);
            return Response.status(413).build();
        }
        if (DatabaseUnavailable.causes(e)) {
            // An outage, not a fault of the request or of the service: clients and proxies retry a 503,
            // readiness is already down, and one line per request is enough while it lasts.
            LOG.warnf("Database unavailable: %s", DatabaseUnavailable.describe(e));
            return Response.fromResponse(problem(503, "unavailable", "Service unavailable",
                    "The service's database cannot be reached. Try again shortly"))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        if (ConcurrencyConflict.raisedByTheServer(e)) {
            // A deadlock or serialization failure the server resolved by ending this transaction:
            // nothing of it was written, and sent again the request normally goes through.
            LOG.infof("Transaction ended by the server for a concurrent one: %s", e);
            return problem(409, "concurrent-change", "Changed concurrently",
                    "Another request changed the same data at the same moment; nothing was written. Send it again");
        }
        LOG.error("Unexpected failure", e);
        return problem(500, "server-error", "Server error", "The request could not be completed; it has been logged");
    }

    private Response problem(int status, String type, String title, String detail) {
        return problem(status, type, title, detail, List.of());
    }

    private Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        Problem problem = Problem.of(status, type, title, detail, errors);
        try {
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(json.writeValueAsString(problem)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "register.request.email" -> "email": the method and parameter names mean nothing to a client.
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}
