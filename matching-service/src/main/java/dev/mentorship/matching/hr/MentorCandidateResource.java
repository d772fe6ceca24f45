package dev.mentorship.matching.hr;

import static dev.mentorship.eventsourcing.security.Pseudonyms.NOT_PSEUDONYM;
import static dev.mentorship.eventsourcing.security.Pseudonyms.REFUSED;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.matching.mentor.TeacherQuality;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Mentor candidates put forward by HR rules, for the program office to confirm or dismiss. */
@Path("/mentor-candidates")
@Tag(name = "HR webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MentorCandidateResource {

    /** What HR sent about the candidate, and the program office's decision. */
    public record Candidate(String id, String source, String employeeId, String name, String email, String jobTitle, String department,
            String managerId, String timezone, String status, String mentorId, Instant proposedAt, String decidedBy, Instant decidedAt) {
    }

    /** What HR does not know about a mentor; name, e-mail, time zone and manager default to the HR record's. */
    public record ConfirmRequest(
            @Schema(description = "OIDC subject of the mentor's account", examples = "tammy") @NotBlank @Size(max = 255) @Pattern(regexp = NOT_PSEUDONYM, message = REFUSED) String subject,
            @Schema(description = "At least the program's minimum (2 by default)", examples = "6") @NotNull @Min(0) @Max(60) Integer sreExperienceYears,
            @Schema(description = "Skills offered, from GET /skills", examples = "[\"observability\"]") @NotEmpty List<@NotBlank String> skills,
            @Schema(description = "Apprentices at once; 1 when absent", examples = "2") @Min(1) @Max(20) Integer capacity,
            List<@NotNull TeacherQuality> pledgedQualities,
            @Size(min = 1, max = 200) String name,
            @Email @Size(min = 3, max = 320) String email,
            @Schema(description = "IANA time zone", examples = "Europe/Dublin") String timezone,
            @Size(max = 255) String managerId) {
    }

    private final MentorCandidates candidates;
    private final Caller caller;
    private final Clock clock;

    private final AccessLog accessLog;

    public MentorCandidateResource(MentorCandidates candidates, Caller caller, Clock clock, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.candidates = candidates;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Mentor candidates from HR, oldest first, by status (PENDING, CONFIRMED, DISMISSED, LEFT; all when absent); at most 500")
    public Uni<List<Candidate>> list(@QueryParam("status") String status) {
        if (status != null && !MentorCandidates.STATUSES.contains(status)) {
            throw DomainException.invalidInput("status is one of " + String.join(", ", MentorCandidates.STATUSES));
        }
        // What HR sent about candidates who became mentors is a read of the mentors' records (the access log).
        return candidates.list(status).call(list -> HrSubjects.of(list.stream().map(Candidate::source).toList(),
                list.stream().map(Candidate::employeeId).toList()).chain(subjects -> accessLog.read(caller, subjects)));
    }

    @POST
    @Path("/{candidateId}/confirm")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Register a pending candidate as a mentor, linked to their HR record",
            description = "The mentor's id is mentorId in the answer. 409 when the candidate was decided already or the e-mail is taken; "
                    + "422 below the program's minimum experience.")
    public Uni<Candidate> confirm(@PathParam("candidateId") String candidateId, @Valid @NotNull ConfirmRequest request) {
        Ids.parse(candidateId, "mentor candidate");
        return candidates.confirm(candidateId, request, caller.subject(), caller.context(), clock.instant());
    }

    @POST
    @Path("/{candidateId}/dismiss")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Keep a pending candidate out of the program; what HR sends about them afterwards is ignored")
    public Uni<Candidate> dismiss(@PathParam("candidateId") String candidateId) {
        Ids.parse(candidateId, "mentor candidate");
        return candidates.dismiss(candidateId, caller.subject());
    }
}
