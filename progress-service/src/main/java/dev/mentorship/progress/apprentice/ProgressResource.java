package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/apprentices/{apprenticeId}/progress")
@Tag(name = "Progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    public record ProgressView(String apprenticeId, String cohortId, String matchId, String mentorId, Instant matchedAt) {
    }

    private final Caller caller;

    public ProgressResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @WithSession
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "An apprentice's progress: the apprentice, their mentor, or the program office")
    public Uni<ProgressView> get(@PathParam("apprenticeId") String apprenticeId) {
        return ApprenticeProgress.<ApprenticeProgress>findById(apprenticeId).map(progress -> {
            if (progress == null) {
                throw DomainException.notFound("No progress is known for apprentice " + apprenticeId);
            }
            boolean allowed = caller.isProgramStaff()
                    || Objects.equals(caller.subject(), progress.apprenticeSubject)
                    || Objects.equals(caller.subject(), progress.mentorSubject);
            if (!allowed) {
                throw DomainException.notAllowed("Only the apprentice, their mentor or the program office can read this");
            }
            return new ProgressView(progress.apprenticeId, progress.cohortId, progress.matchId, progress.mentorId, progress.matchedAt);
        });
    }
}
