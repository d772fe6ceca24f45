package dev.mentorship.feedback.mentorship;

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

@Path("/mentorships/{matchId}")
@Tag(name = "Mentorships")
@Produces(MediaType.APPLICATION_JSON)
public class MentorshipResource {

    public record MentorshipView(String matchId, String mentorId, String apprenticeId, String cohortId, Instant startedAt, Instant endedAt) {
    }

    private final Caller caller;

    public MentorshipResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @WithSession
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "A started mentorship as feedback-service knows it: its two people, or the program office")
    public Uni<MentorshipView> get(@PathParam("matchId") String matchId) {
        return Mentorship.<Mentorship>findById(matchId).map(mentorship -> {
            if (mentorship == null) {
                throw DomainException.notFound("No started mentorship " + matchId);
            }
            if (!caller.isProgramStaff() && !Objects.equals(caller.subject(), mentorship.mentorSubject)
                    && !Objects.equals(caller.subject(), mentorship.apprenticeSubject)) {
                throw DomainException.notAllowed("Only the two people in this mentorship or the program office can read it");
            }
            return new MentorshipView(mentorship.matchId, mentorship.mentorId, mentorship.apprenticeId, mentorship.cohortId,
                    mentorship.startedAt, mentorship.endedAt);
        });
    }
}
