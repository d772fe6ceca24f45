package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.decider.DomainException;
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

/** Who read a person's records in this service, for administrators. */
@Path("/admin/access-log")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AccessLog log;

    public AccessLogResource(AccessLog log) {
        this.log = log;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Who read the records of a person (by OIDC subject) in this service, newest first",
            description = "Reads by anyone but the person themself: reader, their roles, the endpoint and when. limit: 1 to 1000, 100 by default.")
    public Uni<List<AccessLog.Entry>> forSubject(@QueryParam("subject") String subject, @QueryParam("limit") String limit) {
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw DomainException.invalidInput("subject (the person's OIDC subject, 1 to 255 characters) is required");
        }
        return log.of(subject, limit(limit));
    }

    static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw DomainException.invalidInput("limit is a number from 1 to " + MAX_LIMIT);
    }
}
