package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who read the caller's records in this service. */
@Path("/people/me/access-log")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class OwnAccessLogResource {

    private final AccessLog log;
    private final Caller caller;

    public OwnAccessLogResource(AccessLog log, Caller caller) {
        this.log = log;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "Who read your records in this service, newest first: reader, their roles, the endpoint and when",
            description = "limit: 1 to 1000, 100 by default.")
    public Uni<List<AccessLog.Entry>> mine(@QueryParam("limit") String limit) {
        return log.of(caller.subject(), AccessLogResource.limit(limit));
    }
}
