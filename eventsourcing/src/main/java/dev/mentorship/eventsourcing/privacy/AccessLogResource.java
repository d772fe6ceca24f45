package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.eventsourcing.decider.DomainException;
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

/** Who read a person's records in this service, for administrators. */
@Path("/admin/access-log")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    private final AccessLog log;
    private final UriInfo uri;

    public AccessLogResource(AccessLog log, UriInfo uri) {
        this.log = log;
        this.uri = uri;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Who read the records of a person (by OIDC subject) in this service, newest first",
            description = "Reads by anyone but the person themself: reader, their roles, the endpoint and when. " + PageRequest.LIMIT_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of the reads",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AccessLog.Entry.class)))
    public Uni<Response> forSubject(@QueryParam("subject") String subject,
            @Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw DomainException.invalidInput("subject (the person's OIDC subject, 1 to 255 characters) is required");
        }
        PageRequest page = PageRequest.of(limit, after);
        java.net.URI address = uri.getRequestUri();
        return log.of(subject, page).map(reads -> reads.response(address));
    }
}
