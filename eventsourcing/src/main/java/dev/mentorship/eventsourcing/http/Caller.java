package dev.mentorship.eventsourcing.http;

import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.security.SignInLinks;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the token subject, the roles, and the correlation id the request carries. */
@RequestScoped
public class Caller {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final HttpServerRequest request;

    public Caller(SecurityIdentity identity, JsonWebToken token, HttpServerRequest request) {
        this.identity = identity;
        this.token = token;
        this.request = request;
    }

    /**
     * The person's platform subject: the OIDC {@code sub} claim, the stable, opaque id of the person;
     * or, where that sign-in is linked to an HR enrolment's pseudonym, the pseudonym ({@link SignInLinks}).
     */
    public String subject() {
        String linked = identity.getAttribute(SignInLinks.SUBJECT);
        return linked != null ? linked : token.getSubject();
    }

    /** The subject the person signed in with: the token's {@code sub}, linked or not. */
    public String signInSubject() {
        return token.getSubject();
    }

    /** A claim of the bearer token, if it has it. */
    public <T> Optional<T> claim(String name) {
        return token.claim(name);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Program office and admin see and manage everything in a program. */
    public boolean isProgramStaff() {
        return identity.hasRole("program-office") || identity.hasRole("admin");
    }

    public String correlationId() {
        String header = request.getHeader(CORRELATION_HEADER);
        return header == null || header.isBlank() || header.length() > 128 ? UUID.randomUUID().toString() : header;
    }

    /** The {@code Idempotency-Key} of a create, if the request carries one; 400 when it is malformed. */
    public Optional<String> idempotencyKey() {
        return IdempotencyKeys.parse(request.getHeader(IdempotencyKeys.HEADER));
    }

    /** The request's method and path, as the access log records it: {@code GET /apprentices/0191...}. */
    public String endpoint() {
        return request.method().name() + " " + request.path();
    }

    public CommandContext context() {
        return CommandContext.of(subject(), correlationId());
    }
}
