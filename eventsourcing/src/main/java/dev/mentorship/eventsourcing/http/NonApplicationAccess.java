package dev.mentorship.eventsourcing.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.config.KernelConfig;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * With {@code mentorship.http.non-application-authenticated} (production), what Quarkus serves under
 * {@code /q} on the API's port, the API description and Swagger UI, is served only to a caller with a
 * valid bearer token; health and metrics are not there at all but on the management interface. Quarkus'
 * HTTP permissions could refuse the others too, but with an empty 401: this one is problem+json, as
 * every other refusal of the API is. The setting is read at start, so the same jar serves the
 * description openly in the local and test profiles.
 */
@ApplicationScoped
public class NonApplicationAccess {

    private final ObjectMapper json;
    private final boolean required;

    public NonApplicationAccess(ObjectMapper json, KernelConfig config) {
        this.json = json;
        this.required = config.http().nonApplicationAuthenticated();
    }

    void install(@Observes Router router) {
        if (required) {
            // After Quarkus' authentication handler, which leaves the (not yet verified) identity in the
            // request, and ahead of every route under /q.
            router.route("/q/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::requireToken);
        }
    }

    private void requireToken(RoutingContext context) {
        Uni<SecurityIdentity> identity = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null) {
            refuse(context, "A valid bearer token is required");
            return;
        }
        identity.subscribe().with(caller -> {
            if (caller == null || caller.isAnonymous()) {
                refuse(context, "A valid bearer token is required");
            } else {
                context.next();
            }
        }, failure -> {
            if (failure instanceof AuthenticationException) {
                refuse(context, "The bearer token is missing, expired or not trusted");
            } else {
                context.fail(failure);
            }
        });
    }

    private void refuse(RoutingContext context, String detail) {
        if (context.response().ended()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(Problem.of(401, "unauthorized", "Unauthorized", detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // RFC 6750, 3: a 401 for a resource that takes bearer tokens names the scheme.
        context.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
