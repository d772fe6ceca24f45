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
import dev.mentorship.progress.curriculum.Mode;
import dev.mentorship.progress.milestone.ApprenticeMilestones;
import dev.mentorship.progress.milestone.Milestones;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/apprentices/{apprenticeId}/progress")
@Tag(name = "Progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    public record ProgressView(String apprenticeId, String cohortId, String matchId, String mentorId, Instant matchedAt,
            int curriculumVersion, List<MilestoneState> milestones) {
    }

    /** A milestone of the curriculum the apprentice follows, and where they are with it. */
    public record MilestoneState(String id, Mode mode, String title, boolean required, Milestones.Status status) {
    }

    private final Caller caller;
    private final ApprenticeMilestones milestones;

    public ProgressResource(Caller caller, ApprenticeMilestones milestones) {
        this.caller = caller;
        this.milestones = milestones;
    }

    @GET
    @WithSession
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "An apprentice's progress: the apprentice, their mentor, or the program office")
    public Uni<ProgressView> get(@PathParam("apprenticeId") String apprenticeId) {
        return ApprenticeProgress.<ApprenticeProgress>findById(apprenticeId).chain(progress -> {
            if (progress == null) {
                throw DomainException.notFound("No progress is known for apprentice " + apprenticeId);
            }
            boolean allowed = caller.isProgramStaff()
                    || Objects.equals(caller.subject(), progress.apprenticeSubject)
                    || Objects.equals(caller.subject(), progress.mentorSubject);
            if (!allowed) {
                throw DomainException.notAllowed("Only the apprentice, their mentor or the program office can read this");
            }
            return milestones.followedBy(apprenticeId).map(followed -> new ProgressView(progress.apprenticeId, progress.cohortId,
                    progress.matchId, progress.mentorId, progress.matchedAt, followed.catalogue().version(),
                    followed.catalogue().milestones().stream().map(milestone -> new MilestoneState(milestone.id(), milestone.mode(),
                            milestone.title(), milestone.required(), followed.milestones().status(milestone.id()))).toList()));
        });
    }
}
