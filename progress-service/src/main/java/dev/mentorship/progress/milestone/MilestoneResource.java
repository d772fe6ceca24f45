package dev.mentorship.progress.milestone;

import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.progress.milestone.MilestoneCommand.Return;
import dev.mentorship.progress.milestone.MilestoneCommand.SignOff;
import dev.mentorship.progress.milestone.MilestoneCommand.Start;
import dev.mentorship.progress.milestone.MilestoneCommand.SubmitEvidence;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/apprentices/{apprenticeId}/milestones/{milestoneId}")
@Tag(name = "Milestones")
@Produces(MediaType.APPLICATION_JSON)
public class MilestoneResource {

    public record EvidenceRequest(
            @Schema(examples = "[\"https://git.example.com/sre/shop/pull/42\"]") @NotNull @Size(min = 1, max = MilestoneDecider.MAX_LINKS)
            List<@NotBlank @Size(max = 2000) String> links,
            @Schema(examples = "The checkout endpoint's traces showed a timeout to the payment stub.") @Size(max = MilestoneDecider.MAX_NOTES)
            String notes) {
    }

    public record ReturnRequest(@Schema(examples = "Add the dashboard you used to find it.") @NotBlank @Size(max = MilestoneDecider.MAX_COMMENT)
            String comment) {
    }

    /** One milestone of the apprentice's, as it stands; links, notes and the return comment are the pair's, never published. */
    public record MilestoneView(String apprenticeId, String milestoneId, Milestones.Status status, int curriculumVersion, List<String> links,
            String notes, String returnComment, Instant updatedAt) {

        static MilestoneView of(String milestoneId, Milestones milestones) {
            Milestones.Entry entry = milestones.entries().get(milestoneId);
            return new MilestoneView(milestones.apprenticeId(), milestoneId, milestones.status(milestoneId), milestones.curriculumVersion(),
                    entry == null ? List.of() : entry.links(), entry == null ? null : entry.notes(), entry == null ? null : entry.returnComment(),
                    entry == null ? null : entry.updatedAt());
        }
    }

    private final ApprenticeMilestones milestones;

    public MilestoneResource(ApprenticeMilestones milestones) {
        this.milestones = milestones;
    }

    @POST
    @Path("/start")
    @RolesAllowed("apprentice")
    @Operation(summary = "The apprentice starts a milestone of the curriculum they follow",
            description = "Only the apprentice themself. Their first milestone fixes the curriculum version they follow. Starting one "
                    + "in progress changes nothing; 404 for a milestone their curriculum does not have; 409 once evidence is in.")
    public Uni<RestResponse<MilestoneView>> start(@PathParam("apprenticeId") String apprenticeId, @PathParam("milestoneId") String milestoneId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(milestoneId, milestones.run(apprenticeId, (party, catalogue, now, matchId) -> new Start(apprenticeId, milestoneId, party, catalogue,
                now), Versions.fromIfMatch(ifMatch)));
    }

    @POST
    @Path("/evidence")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("apprentice")
    @Operation(summary = "The apprentice submits evidence for a milestone in progress: links and notes",
            description = "Only the apprentice themself; 409 for a milestone not started or already submitted or signed off.")
    public Uni<RestResponse<MilestoneView>> evidence(@PathParam("apprenticeId") String apprenticeId, @PathParam("milestoneId") String milestoneId,
            @Valid @NotNull EvidenceRequest request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(milestoneId, milestones.run(apprenticeId, (party, catalogue, now, matchId) -> new SubmitEvidence(apprenticeId, milestoneId,
                request.links(), request.notes(), party, catalogue, now), Versions.fromIfMatch(ifMatch)));
    }

    @POST
    @Path("/sign-off")
    @RolesAllowed("mentor")
    @Operation(summary = "The apprentice's current mentor signs a milestone off",
            description = "Only the mentor of the apprentice's current match (403 for any other, a former mentor included); "
                    + "409 unless evidence is submitted.")
    public Uni<RestResponse<MilestoneView>> signOff(@PathParam("apprenticeId") String apprenticeId, @PathParam("milestoneId") String milestoneId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(milestoneId, milestones.run(apprenticeId, (party, catalogue, now, matchId) -> new SignOff(apprenticeId, milestoneId, party, catalogue,
                now), Versions.fromIfMatch(ifMatch)));
    }

    @POST
    @Path("/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("mentor")
    @Operation(summary = "The apprentice's current mentor returns a milestone to in progress, saying what is missing",
            description = "Only the mentor of the apprentice's current match; 409 unless evidence is submitted.")
    public Uni<RestResponse<MilestoneView>> giveBack(@PathParam("apprenticeId") String apprenticeId, @PathParam("milestoneId") String milestoneId,
            @Valid @NotNull ReturnRequest request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(milestoneId, milestones.run(apprenticeId, (party, catalogue, now, matchId) -> new Return(apprenticeId, milestoneId, request.comment(),
                party, catalogue, now), Versions.fromIfMatch(ifMatch)));
    }

    private static Uni<RestResponse<MilestoneView>> answer(String milestoneId, Uni<Versioned<Milestones>> result) {
        return result.map(done -> RestResponse.ResponseBuilder.ok(MilestoneView.of(milestoneId, done.state()))
                .tag(Versions.etag(done.version())).build());
    }
}
