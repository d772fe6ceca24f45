package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.eventsourcing.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who read the caller's records in this service. */
@Path("/people/me/access-log")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class OwnAccessLogResource {

    private final AccessLog log;
    private final Caller caller;
    private final UriInfo uri;

    public OwnAccessLogResource(AccessLog log, Caller caller, UriInfo uri) {
        this.log = log;
        this.caller = caller;
        this.uri = uri;
    }

    @GET
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "Who read your records in this service, newest first: reader, their roles, the endpoint and when",
            description = PageRequest.LIMIT_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of the reads",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AccessLog.Entry.class)))
    public Uni<Response> mine(@Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        PageRequest page = PageRequest.of(limit, after);
        java.net.URI address = uri.getRequestUri();
        return log.of(caller.subject(), page).map(reads -> reads.response(address));
    }
}
