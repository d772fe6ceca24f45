package dev.mentorship.progress.checkin;

import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.progress.checkin.CheckInCommand.Party;
import dev.mentorship.progress.milestone.JourneyResource;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/matches/{matchId}")
@Tag(name = "Check-ins")
@Produces(MediaType.APPLICATION_JSON)
public class CheckInResource {

    public record CadenceRequest(@Schema(examples = "14") @Min(1) @Max(CheckInDecider.MAX_CADENCE_DAYS) int days) {
    }

    public record CheckInRequest(@Schema(examples = "2026-03-04") @NotNull LocalDate date,
            @Schema(examples = "45") @Min(1) @Max(CheckInDecider.MAX_MINUTES) int minutes,
            @Schema(examples = "[\"postmortem draft\", \"on-call nerves\"]") @Size(max = CheckInDecider.MAX_TOPICS)
            List<@NotBlank @Size(max = CheckInDecider.MAX_TOPIC) String> topics,
            @Schema(examples = "Walked through the timeline of last week's outage together.") @Size(max = CheckInDecider.MAX_NOTES) String notes) {
    }

    /** A check-in; topics and notes show to the pair only. */
    public record CheckInView(String matchId, String checkInId, LocalDate date, int minutes, List<String> topics, String notes, Party loggedBy,
            Instant loggedAt) {
    }

    /** The match's check-ins, newest first, and its schedule. */
    public record CheckInsView(String matchId, String apprenticeId, String mentorId, int cadenceDays, LocalDate lastCheckInOn,
            int overdueInARow, boolean ended, List<CheckInView> checkIns) {
    }

    private final MatchCheckIns checkIns;
    private final Caller caller;

    public CheckInResource(MatchCheckIns checkIns, Caller caller) {
        this.checkIns = checkIns;
        this.caller = caller;
    }

    @PUT
    @Path("/check-in-cadence")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "How often the pair checks in: every 1-90 days (weekly until set)",
            description = "The mentor or the apprentice of the match, or the program office; 409 once the match has ended.")
    public Uni<RestResponse<CheckInsView>> cadence(@PathParam("matchId") String matchId, @Valid @NotNull CadenceRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return checkIns.run(matchId, (known, now) -> new CheckInCommand.SetCadence(known.match(), request.days(), known.party(), now),
                Versions.fromIfMatch(ifMatch)).chain(() -> checkIns.read(matchId))
                .map(read -> RestResponse.ResponseBuilder.ok(view(read)).tag(Versions.etag(read.checkIns().version())).build());
    }

    @POST
    @Path("/check-ins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"apprentice", "mentor"})
    @Operation(summary = "The mentor or the apprentice of the match logs a check-in",
            description = "Dated the day it took place: not in the future, not before the match started; 409 on an ended match. Topics "
                    + "and notes stay with the pair; published as CheckInCompleted with ids, date and minutes only.")
    public Uni<RestResponse<CheckInView>> log(@PathParam("matchId") String matchId, @Valid @NotNull CheckInRequest request,
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Optional<String> key = IdempotencyKeys.parse(idempotencyKey);
        String checkInId = CommandHandler.entryId("check-in-" + matchId, caller.subject(), key);
        return JourneyResource.afterRaces(() -> checkIns.run(matchId, (known, now) -> new CheckInCommand.LogCheckIn(known.match(), checkInId,
                request.date(), request.minutes(), request.topics(), request.notes(), known.party(), now), Versions.fromIfMatch(null))).map(done -> {
                    CheckIns.CheckIn checkIn = done.state().checkIns().get(checkInId);
                    return RestResponse.ResponseBuilder.<CheckInView>created(URI.create("/matches/" + matchId + "/check-ins"))
                            .entity(new CheckInView(matchId, checkInId, checkIn.date(), checkIn.minutes(), checkIn.topics(), checkIn.notes(),
                                    checkIn.loggedBy(), checkIn.loggedAt()))
                            .tag(Versions.etag(done.version())).build();
                });
    }

    @GET
    @Path("/check-ins")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "The match's check-ins, newest first, and its cadence",
            description = "The pair sees topics and notes; the program office sees dates and minutes only. The mentor of an ended match reads nothing.")
    public Uni<RestResponse<CheckInsView>> list(@PathParam("matchId") String matchId) {
        return checkIns.read(matchId).map(read -> RestResponse.ResponseBuilder.ok(view(read)).tag(Versions.etag(read.checkIns().version())).build());
    }

    private static CheckInsView view(MatchCheckIns.Read read) {
        CheckIns state = read.checkIns().state();
        boolean pair = read.known().party() == Party.APPRENTICE || read.known().party() == Party.MENTOR;
        CheckInCommand.Match match = read.known().match();
        return new CheckInsView(match.matchId(), match.apprenticeId(), match.mentorId(), state.cadenceDays(), state.lastCheckInOn(),
                state.overdueInARow(), match.ended(), state.checkIns().values().stream()
                        .sorted(Comparator.comparing(CheckIns.CheckIn::date).thenComparing(CheckIns.CheckIn::loggedAt).reversed())
                        .map(checkIn -> new CheckInView(match.matchId(), checkIn.checkInId(), checkIn.date(), checkIn.minutes(),
                                pair ? checkIn.topics() : null, pair ? checkIn.notes() : null, checkIn.loggedBy(), checkIn.loggedAt()))
                        .toList());
    }
}
