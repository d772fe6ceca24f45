package dev.mentorship.eventsourcing.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Answers what HTTP refuses before the REST layer sees a request as problem+json, as every other
 * refusal is. Quarkus itself ends a body over {@code quarkus.http.limits.max-body-size} with an
 * empty 413, a NUL in the path (%00) reached queries that PostgreSQL then refused as a 500, and a
 * compressed body ({@code Content-Encoding: gzip}) was parsed as it came, a 400 calling the JSON
 * malformed, and a missing or malformed {@code Host} header came back as a 400 whose text said
 * "500 - Internal Server Error". Bodies are read as sent: a content coding is refused with 415
 * (RFC 9110, 15.5.16).
 *
 * <p>Some requests never reach the router, so no handler here can answer them: an address that is not
 * a valid URI (a stray {@code %}), which Quarkus refuses with an empty 400, and a request line or
 * headers past Vert.x's limits, refused with an empty 414 or 431 (quarkusio/quarkus#55082).
 *
 * <p>A service may take larger bodies on a few paths than on the rest ({@code platform.http.limits.larger-body-paths},
 * prefixes): those take up to {@code quarkus.http.limits.max-body-size}, every other path up to
 * {@code platform.http.limits.max-body-size}. A body declared by its length is held to its path's limit
 * here. One of unknown length on those paths, or over HTTP/2 on any, is read by the REST layer, which is
 * told the path's limit and answers a larger body with an empty 413. The REST layer's in-memory buffer
 * ({@code quarkus.rest.input-buffer-size}) then stays at the smaller limit: a body past it is read as a
 * stream, where the limit is checked, and one read ahead here (chunks on the other paths) always fits it.
 */
@ApplicationScoped
public class RequestLimits {

    private static final Logger LOG = Logger.getLogger(RequestLimits.class);

    private final ObjectMapper json;
    private final long largerBodyBytes;
    private final long maxBodyBytes;
    private final List<String> largerBodyPaths;
    private final BodyHandler chunkedBodies;

    public RequestLimits(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize largest,
            @ConfigProperty(name = "platform.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "platform.http.limits.larger-body-paths") Optional<List<String>> largerBodyPaths) {
        this.json = json;
        this.largerBodyBytes = largest.asLongValue();
        this.maxBodyBytes = Math.min(largerBodyBytes, maxBodySize.map(MemorySize::asLongValue).orElse(largerBodyBytes));
        this.largerBodyPaths = largerBodyPaths.orElse(List.of());
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    /** The largest body the request's path takes. */
    private long limit(RoutingContext context) {
        String path = context.normalizedPath();
        return path != null && largerBodyPaths.stream().anyMatch(path::startsWith) ? largerBodyBytes : maxBodyBytes;
    }

    void install(@Observes Router router) {
        // Just before Quarkus' own limit handler, which would end the exchange without a body.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::screen);
        // A body sent in chunks is found too large only while it is read, so it is read here, up to the
        // limit (the REST layer then takes it as read); going over fails the request with 413, ending here.
        // The router also fails a request it cannot route for want of a valid Host header, with 400.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).failureHandler(this::refusedByHttp);
        if (maxBodyBytes < largerBodyBytes) {
            // Just after Quarkus' limit handler, which tells the REST layer its own limit for a body of unknown length.
            router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::limitUnknownLength);
        }
    }

    private void screen(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = declaredLength(length);
        boolean chunked = length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING);
        String coding = context.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        if (context.request().version() == HttpVersion.HTTP_2) {
            // RFC 9113, 8.2.2: HTTP/2 has no Connection header, and a client resets a stream whose answer
            // carries one (PROTOCOL_ERROR). Quarkus' limit adds "Connection: close" to its 413 all the same.
            context.addHeadersEndHandler(ended -> context.response().headers().remove(HttpHeaders.CONNECTION));
        }
        long limit = limit(context);
        if (declared > limit) {
            tooLarge(context);
        } else if (context.request().headers().getAll(HttpHeaders.HOST).size() > 1) {
            // RFC 9112, 3.2: more than one Host is a 400; the router reads the first, a proxy in front may have read another.
            invalidHost(context);
        } else if (context.request().uri().contains("%00")) {
            refuse(context, 400, "invalid-input", "Invalid input", "The address contains a NUL character (%00)");
        } else if ((declared > 0 || chunked) && coding != null && !coding.trim().equalsIgnoreCase("identity")) {
            // A body in a content coding: read as sent, it would reach the JSON parser compressed.
            refuse(context, 415, "unsupported-content-encoding", "Unsupported content encoding", "The body is sent with Content-Encoding "
                    + coding + "; this service reads bodies as sent, without a content coding");
        } else if (chunked && limit == maxBodyBytes) {
            chunkedBodies.handle(context);
        } else {
            context.next();
        }
    }

    private void limitUnknownLength(RoutingContext context) {
        if (context.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY) != null) {
            context.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, limit(context));
        }
        context.next();
    }

    private void refusedByHttp(RoutingContext context) {
        if (refusedWhileRead(context)) {
            // The REST layer's reader ended the exchange with an empty 413 (a body of unknown length over
            // HTTP/2, which cannot be read ahead) and then failed the request it could no longer answer:
            // the client has its answer; Quarkus' last handler would log it as a server error.
            LOG.debugf("Body refused past the size limit while read: %s", context.failure());
        } else if (context.response().ended()) {
            context.next();
        } else if (context.statusCode() == 413) {
            tooLarge(context);
        } else if (context.statusCode() == 400 && context.request().version() != HttpVersion.HTTP_1_0 && context.request().authority() == null) {
            // RFC 9112, 3.2: a request without a valid Host is a 400. Quarkus' last failure handler would
            // answer it with a text page headed "500 - Internal Server Error" and log it as a server error.
            invalidHost(context);
        } else {
            context.next();
        }
    }

    /** Whether the exchange already ended with a 413: a body that grew past the limit while it was read. */
    static boolean refusedWhileRead(RoutingContext context) {
        return context != null && context.response().ended() && context.response().getStatusCode() == 413;
    }

    private void invalidHost(RoutingContext context) {
        refuse(context, 400, "invalid-host", "Invalid Host header", "An HTTP/1.1 request needs one Host header naming a host, and optionally a port");
    }

    private void tooLarge(RoutingContext context) {
        // The rest of the body is not read, so the connection cannot carry another request; an HTTP/2
        // connection carries other requests' streams and stays.
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
        }
        refuse(context, 413, "body-too-large", "Request body too large",
                "The body is larger than this service accepts here (" + limit(context) + " bytes)");
    }

    private void refuse(RoutingContext context, int status, String type, String title, String detail) {
        String body;
        try {
            body = json.writeValueAsString(Problem.of(status, type, title, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }

    /** 0 without the header. Netty refuses a malformed Content-Length before routing; a value past a long is simply too large. */
    private static long declaredLength(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
