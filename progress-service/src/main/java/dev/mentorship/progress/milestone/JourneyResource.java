package dev.mentorship.progress.milestone;

import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.progress.curriculum.Curricula;
import dev.mentorship.progress.curriculum.Milestone;
import dev.mentorship.progress.curriculum.Mode;
import dev.mentorship.progress.milestone.MilestoneCommand.Catalogue;
import dev.mentorship.progress.milestone.MilestoneCommand.LogShadowShift;
import dev.mentorship.progress.milestone.MilestoneCommand.MoveCurriculum;
import dev.mentorship.progress.milestone.MilestoneCommand.RecordOutcome;
import dev.mentorship.progress.milestone.MilestoneCommand.ScheduleInterviewLoop;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The apprentice's shadowed on-call shifts, the curriculum version they follow, and their interview loops. */
@Path("/apprentices/{apprenticeId}")
@Tag(name = "Journey")
@Produces(MediaType.APPLICATION_JSON)
public class JourneyResource {

    public record ShiftRequest(@Schema(examples = "2026-03-02T18:00:00Z") @NotNull Instant start,
            @Schema(examples = "2026-03-03T06:00:00Z") @NotNull Instant end,
            @Schema(examples = "2") @Min(0) @Max(MilestoneDecider.MAX_INCIDENTS) int incidentsObserved,
            @Schema(examples = "Watched the primary work a disk-pressure page on the checkout database.") @Size(max = MilestoneDecider.MAX_NOTES)
            String notes) {
    }

    public record ShiftView(String apprenticeId, String shiftId, Instant start, Instant end, int incidentsObserved, String notes, int shiftsLogged) {
    }

    public record MoveRequest(@Schema(examples = "2") @Min(1) int version) {
    }

    public record MoveView(String apprenticeId, int curriculumVersion) {
    }

    public record LoopRequest(@Schema(examples = "2026-06-10T14:00:00Z") @NotNull Instant scheduledFor) {
    }

    /** A remediation milestone named in a loop's outcome; it is required, and its id must be new to the apprentice. */
    public record RemediationMilestone(@Schema(examples = "incident-command-drill") @NotBlank @Size(max = 64) String id, @NotNull Mode mode,
            @Schema(examples = "Lead an incident-command drill") @NotBlank @Size(max = 200) String title,
            @Size(max = 2000) String description, @Size(max = 1000) String evidence) {
    }

    public record OutcomeRequest(@Schema(examples = "false") @NotNull Boolean passed,
            @Size(max = MilestoneDecider.MAX_REMEDIATION) List<@Valid @NotNull RemediationMilestone> remediation) {
    }

    public record LoopView(String apprenticeId, String loopId, Instant scheduledFor, Boolean passed, List<String> remediationMilestoneIds,
            Instant completedAt, Instant graduatedAt) {

        static LoopView of(String loopId, Milestones journey) {
            Milestones.InterviewLoop loop = journey.interviewLoops().get(loopId);
            return new LoopView(journey.apprenticeId(), loopId, loop.scheduledFor(), loop.passed(), loop.remediationIds(), loop.completedAt(),
                    journey.graduatedAt());
        }
    }

    private final ApprenticeMilestones milestones;
    private final Curricula curricula;
    private final Caller caller;

    public JourneyResource(ApprenticeMilestones milestones, Curricula curricula, Caller caller) {
        this.milestones = milestones;
        this.curricula = curricula;
        this.caller = caller;
    }

    @POST
    @Path("/shadow-shifts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("apprentice")
    @Operation(summary = "The apprentice logs an on-call shift they shadowed",
            description = "Only the apprentice themself, once the shift has ended (at most 7 days long). A shift starts the shadowing "
                    + "milestones that count shifts; their evidence waits until enough are logged. Published as ShadowShiftLogged, without the notes.")
    public Uni<RestResponse<ShiftView>> logShift(@PathParam("apprenticeId") String apprenticeId, @Valid @NotNull ShiftRequest request,
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Optional<String> key = IdempotencyKeys.parse(idempotencyKey);
        String shiftId = CommandHandler.entryId("shadow-shift-" + apprenticeId, caller.subject(), key);
        return afterRaces(() -> milestones.run(apprenticeId, (party, catalogue, now, matchId) -> new LogShadowShift(apprenticeId, shiftId,
                request.start(), request.end(), request.incidentsObserved(), request.notes(), party, catalogue, now), Versions.fromIfMatch(null)))
                .map(done -> {
                    Milestones.ShadowShift shift = done.state().shadowShifts().get(shiftId);
                    return RestResponse.ResponseBuilder.<ShiftView>created(URI.create("/apprentices/" + apprenticeId + "/progress"))
                            .entity(new ShiftView(apprenticeId, shiftId, shift.start(), shift.end(), shift.incidentsObserved(), shift.notes(),
                                    done.state().shadowShifts().size()))
                            .tag(Versions.etag(done.version())).build();
                });
    }

    /**
     * A create decided on a state another write to the stream overtook (that write may be this very
     * request sent again with its Idempotency-Key) is decided again on the new state: a repeat then
     * finds what the first one recorded and answers it.
     */
    public static <T> Uni<T> afterRaces(java.util.function.Supplier<Uni<? extends T>> create) {
        return Uni.createFrom().<T>deferred(create).onFailure(ConcurrencyConflict.class).retry().atMost(2);
    }

    @POST
    @Path("/curriculum")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "The program office moves the apprentice to a newer curriculum version",
            description = "What the apprentice has done stays where the milestone still exists in the new version (signed off, in "
                    + "progress, evidence submitted); milestones it no longer has are dropped. 409 for a version not newer than the one "
                    + "followed, 404 for one never published.")
    public Uni<RestResponse<MoveView>> move(@PathParam("apprenticeId") String apprenticeId, @Valid @NotNull MoveRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return curricula.all().chain(read -> {
            var target = read.state().version(request.version()).orElseThrow(() -> DomainException.notFound(
                    "Curriculum version " + request.version() + " has not been published"));
            Catalogue catalogue = new Catalogue(target.version(), target.milestones());
            return milestones.run(apprenticeId, (party, followed, now, matchId) -> new MoveCurriculum(apprenticeId, catalogue, party, followed,
                    now), Versions.fromIfMatch(ifMatch));
        }).map(done -> RestResponse.ResponseBuilder.ok(new MoveView(apprenticeId, done.state().curriculumVersion()))
                .tag(Versions.etag(done.version())).build());
    }

    @POST
    @Path("/interview-loops")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "The program office schedules an interview loop for an apprentice who is ready",
            description = "Ready: every required milestone, remediation ones included, signed off. 409 when not ready, when a loop "
                    + "without an outcome exists, or once graduated. Published as InterviewLoopScheduled.")
    public Uni<RestResponse<LoopView>> schedule(@PathParam("apprenticeId") String apprenticeId, @Valid @NotNull LoopRequest request,
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Optional<String> key = IdempotencyKeys.parse(idempotencyKey);
        String loopId = CommandHandler.entryId("interview-loop-" + apprenticeId, caller.subject(), key);
        return afterRaces(() -> milestones.run(apprenticeId, (party, catalogue, now, matchId) -> new ScheduleInterviewLoop(apprenticeId, loopId,
                request.scheduledFor(), party, catalogue, now), Versions.fromIfMatch(null)))
                .map(done -> RestResponse.ResponseBuilder.<LoopView>created(URI.create("/apprentices/" + apprenticeId + "/interview-loops/" + loopId))
                        .entity(LoopView.of(loopId, done.state())).tag(Versions.etag(done.version())).build());
    }

    @POST
    @Path("/interview-loops/{loopId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "The program office records a loop's outcome",
            description = "Passed graduates the apprentice (InterviewLoopCompleted, then ApprenticeGraduated: matching-service ends the "
                    + "match). Not passed names 1-10 remediation milestones, required from then on. The same outcome sent again changes "
                    + "nothing; another one is a 409.")
    public Uni<RestResponse<LoopView>> outcome(@PathParam("apprenticeId") String apprenticeId, @PathParam("loopId") String loopId,
            @Valid @NotNull OutcomeRequest request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        List<Milestone> remediation = request.remediation() == null ? List.of() : request.remediation().stream()
                .map(named -> new Milestone(named.id(), named.mode(), named.title(), named.description(), true, named.evidence(), null)).toList();
        return milestones.run(apprenticeId, (party, catalogue, now, matchId) -> new RecordOutcome(apprenticeId, loopId, request.passed(),
                remediation, matchId, party, catalogue, now), Versions.fromIfMatch(ifMatch))
                .map((Versioned<Milestones> done) -> RestResponse.ResponseBuilder.ok(LoopView.of(loopId, done.state()))
                        .tag(Versions.etag(done.version())).build());
    }
}
