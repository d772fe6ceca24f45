package dev.mentorship.matching.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.matching.hr.HrSubjects;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.UUID;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SCIM 2.0 (RFC 7643, 7644) for identity providers such as Okta and Microsoft Entra ID: Users with the
 * enterprise extension, and the discovery endpoints. For the provisioning client's own role,
 * {@code scim-provisioner}, with a bearer token from the platform's OIDC provider. Bodies are
 * {@code application/scim+json} (or {@code application/json}); every refusal is a SCIM error.
 */
@Path("/scim/v2")
@Tag(name = "SCIM 2.0")
@RolesAllowed("scim-provisioner")
@Produces({ScimErrors.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimErrors.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimResource {

    private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final Pattern FILTER = Pattern.compile("\\s*(userName|externalId)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*+)\"\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final int MOST_RESULTS = 200;

    private final ScimUsers users;
    private final ObjectMapper json;
    private final Caller caller;
    private final ObjectNode serviceProviderConfig;
    private final ArrayNode resourceTypes;
    private final ArrayNode schemas;

    private final AccessLog accessLog;

    public ScimResource(ScimUsers users, ObjectMapper json, Caller caller, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.users = users;
        this.json = json;
        this.caller = caller;
        this.serviceProviderConfig = (ObjectNode) read("service-provider-config.json");
        this.resourceTypes = (ArrayNode) read("resource-types.json");
        this.schemas = (ArrayNode) read("schemas.json");
    }

    @GET
    @Path("/ServiceProviderConfig")
    @Operation(summary = "What this SCIM service supports: PATCH, filters (eq on userName and externalId), ETags; no bulk, sorting or passwords")
    public Response serviceProviderConfig(@Context UriInfo uri) {
        return scim(200, located(serviceProviderConfig, uri));
    }

    @GET
    @Path("/ResourceTypes")
    @Operation(summary = "The resource types: User, with the enterprise extension")
    public Response resourceTypes(@Context UriInfo uri) {
        return scim(200, list(resourceTypes, uri));
    }

    @GET
    @Path("/ResourceTypes/{name}")
    @Operation(summary = "One resource type")
    public Response resourceType(@PathParam("name") String name, @Context UriInfo uri) {
        return scim(200, located(one(resourceTypes, name, "resource type"), uri));
    }

    @GET
    @Path("/Schemas")
    @Operation(summary = "The schemas of the attributes kept: the core User's and the enterprise extension's")
    public Response schemas(@Context UriInfo uri) {
        return scim(200, list(schemas, uri));
    }

    @GET
    @Path("/Schemas/{name}")
    @Operation(summary = "One schema, by its URN")
    public Response schema(@PathParam("name") String name, @Context UriInfo uri) {
        return scim(200, located(one(schemas, name, "schema"), uri));
    }

    @GET
    @Path("/Users")
    @Operation(summary = "Users in the order they were provisioned; filter userName eq \"...\" or externalId eq \"...\"",
            description = "startIndex counts from 1; count is at most 200 (100 when absent). Other filters are refused (invalidFilter).")
    public Uni<Response> listUsers(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @Context UriInfo uri) {
        String attribute = null;
        String value = null;
        if (filter != null && !filter.isBlank()) {
            Matcher matcher = FILTER.matcher(filter);
            if (!matcher.matches()) {
                throw new ScimException(400, "invalidFilter", "Filters are userName eq \"...\" or externalId eq \"...\"; got " + filter);
            }
            attribute = matcher.group(1).equalsIgnoreCase("userName") ? "userName" : "externalId";
            value = ScimUserDocument.text(json.getNodeFactory().textNode(matcher.group(2).replaceAll("\\\\(.)", "$1")), "filter");
        }
        int start = Math.max(1, number(startIndex, 1, "startIndex"));
        int size = Math.min(MOST_RESULTS, Math.max(0, number(count, 100, "count")));
        return users.list(attribute, value, start, size).call(page -> read(page.users())).map(page -> {
            ObjectNode answer = json.createObjectNode();
            answer.putArray("schemas").add(LIST_RESPONSE);
            answer.put("totalResults", page.total());
            answer.put("startIndex", start);
            answer.put("itemsPerPage", page.users().size());
            ArrayNode resources = answer.putArray("Resources");
            page.users().forEach(user -> resources.add(ScimUserDocument.represent(user, location(uri, user.id()))));
            return scim(200, answer);
        });
    }

    /** A read of users linked to people in the program is a read of their records (the access log). */
    private Uni<Void> read(List<ScimUserRow> read) {
        return HrSubjects.of("scim", read.stream().map(ScimUserRow::id).toList())
                .chain(subjects -> accessLog.read(caller, subjects));
    }

    @POST
    @Path("/Users")
    @Operation(summary = "Provision a User: 201 with the User as kept; a userName already taken is 409 (uniqueness)",
            description = "An active User is a hire for the HR mapping rules (source scim): enrolled as an apprentice or put forward as a mentor.")
    public Uni<Response> createUser(String body, @Context UriInfo uri) {
        ObjectNode user = ScimUserDocument.normalise(parse(body), true, true);
        return users.create(user, caller.subject()).map(created -> Response.fromResponse(user(201, created, uri))
                .location(java.net.URI.create(location(uri, created.id()))).build());
    }

    @GET
    @Path("/Users/{id}")
    @Operation(summary = "A User")
    public Uni<Response> getUser(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        return users.get(known(id)).call(user -> read(List.of(user))).map(user -> ScimUsers.matches(ifNoneMatch, user.version())
                ? Response.notModified().header(HttpHeaders.ETAG, ScimUserDocument.etag(user.version())).build() : user(200, user, uri));
    }

    @PUT
    @Path("/Users/{id}")
    @Operation(summary = "Replace a User: attributes left out are cleared; If-Match with the ETag guards against a concurrent change (412)")
    public Uni<Response> replaceUser(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body,
            @Context UriInfo uri) {
        JsonNode user = parse(body);
        ScimUserDocument.normalise(user, true, true);
        return users.change(known(id), ifMatch, before -> ScimUserDocument.normalise(user, true, before.get("active").asBoolean()),
                caller.subject()).map(changed -> user(200, changed, uri));
    }

    @PATCH
    @Path("/Users/{id}")
    @Operation(summary = "Change a User with a PatchOp: add, replace, remove; active false takes them out of the program",
            description = "If-Match with the ETag guards against a concurrent change (412).")
    public Uni<Response> patchUser(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body,
            @Context UriInfo uri) {
        JsonNode patch = parse(body);
        return users.change(known(id), ifMatch, before -> ScimUserDocument.normalise(ScimPatch.apply(before, patch), false,
                        before.get("active").asBoolean()), caller.subject())
                .map(changed -> user(200, changed, uri));
    }

    @DELETE
    @Path("/Users/{id}")
    @Operation(summary = "Deprovision a User: gone from SCIM, and out of the program as when made inactive")
    public Uni<Response> deleteUser(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return users.delete(known(id), ifMatch, caller.subject()).map(deleted -> Response.noContent().build());
    }

    private Response user(int status, ScimUserRow user, UriInfo uri) {
        return Response.fromResponse(scim(status, ScimUserDocument.represent(user, location(uri, user.id())))).header(HttpHeaders.ETAG,
                ScimUserDocument.etag(user.version())).build();
    }

    private Response scim(int status, JsonNode body) {
        try {
            return Response.status(status).type(ScimErrors.SCIM).entity(json.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("The request has no body");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("The body is not JSON: " + e.getOriginalMessage());
        }
    }

    private ObjectNode list(ArrayNode resources, UriInfo uri) {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("schemas").add(LIST_RESPONSE);
        answer.put("totalResults", resources.size());
        answer.put("startIndex", 1);
        answer.put("itemsPerPage", resources.size());
        ArrayNode all = answer.putArray("Resources");
        resources.forEach(resource -> all.add(located((ObjectNode) resource, uri)));
        return answer;
    }

    private static ObjectNode one(ArrayNode resources, String id, String what) {
        for (JsonNode resource : resources) {
            if (resource.path("id").asText().equals(id)) {
                return (ObjectNode) resource;
            }
        }
        throw ScimException.notFound("No " + what + " " + id);
    }

    /** A copy whose meta.location is absolute. */
    private static ObjectNode located(ObjectNode resource, UriInfo uri) {
        ObjectNode copy = resource.deepCopy();
        ((ObjectNode) copy.get("meta")).put("location", base(uri) + copy.path("meta").path("location").asText());
        return copy;
    }

    private static String location(UriInfo uri, String id) {
        return base(uri) + "/Users/" + id;
    }

    private static String base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("scim/v2").build().toString();
    }

    /** Ids are UUIDs; anything else names no User. */
    private static String known(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound("No User " + id);
        }
    }

    /** A whole number, held between 0 and a billion (a count past the largest page or a start past the last user are both just empty). */
    private static int number(String value, int absent, String name) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return new BigInteger(value.strip()).max(BigInteger.ZERO).min(BigInteger.valueOf(1_000_000_000)).intValue();
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " is a whole number");
        }
    }

    private JsonNode read(String name) {
        try (InputStream in = ScimResource.class.getResourceAsStream("/scim/" + name)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
