package dev.mentorship.matching.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.eventsourcing.http.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every refusal under {@code /scim/v2} is a SCIM error (RFC 7644, 3.12), {@code application/scim+json}:
 * those the SCIM endpoints raise themselves, and the platform's own problem documents (no token, the
 * wrong role, a precondition failed, a database outage), rewritten with their status and detail.
 */
public class ScimErrors {

    public static final String MEDIA_TYPE = "application/scim+json";
    static final MediaType SCIM = MediaType.valueOf(MEDIA_TYPE);
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final ObjectMapper json;

    public ScimErrors(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response refused(ScimException e) {
        return Response.status(e.status()).type(SCIM).entity(error(e.status(), e.scimType(), e.getMessage())).build();
    }

    @ServerResponseFilter
    public void rewriteProblems(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/scim/") || response.getMediaType() == null
                || !Problem.MEDIA_TYPE.equals(response.getMediaType().getType() + "/" + response.getMediaType().getSubtype())) {
            return;
        }
        JsonNode problem;
        try {
            problem = response.getEntity() instanceof String text ? json.readTree(text) : json.valueToTree(response.getEntity());
        } catch (JsonProcessingException e) {
            return;
        }
        String type = problem.path("type").asText("");
        String scimType = type.endsWith("/invalid-json") ? "invalidSyntax" : type.endsWith("/invalid-input") ? "invalidValue"
                : type.endsWith("/duplicate") ? "uniqueness" : null;
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        if (response.getStatus() == 401) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.setEntity(error(response.getStatus(), scimType, problem.path("detail").asText(problem.path("title").asText(""))),
                new Annotation[0], SCIM);
    }

    String error(int status, String scimType, String detail) {
        ObjectNode error = json.createObjectNode();
        error.set("schemas", json.valueToTree(List.of(ERROR_SCHEMA)));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        error.put("status", String.valueOf(status));
        try {
            return json.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
