package dev.mentorship.feedback.rating;

import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.mentorship.People;
import dev.mentorship.feedback.rating.RatingCommand.Side;
import dev.mentorship.feedback.rating.RatingEvent.CheckInRated;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Ratings of check-ins by each side and of mentors by their apprentices. Ratings and notes are read back by their author only. */
@Path("/")
@Tag(name = "Feedback")
@Produces(MediaType.APPLICATION_JSON)
public class RatingResource {

    public record CheckInFeedback(@Schema(examples = "4") @NotNull @Min(1) @Max(5) Integer usefulness, @Schema(examples = "CONFIDENT") @NotNull Mood mood,
            @Size(max = RatingDecider.MAX_NOTE) String note) {
    }

    public record CheckInFeedbackView(String checkInId, String side, int usefulness, Mood mood, String note, Instant givenAt) {
    }

    public record MentorFeedback(@Schema(examples = "{\"SETS_ME_UP_FOR_SUCCESS\": 5, \"MENTORS\": 4}") @NotNull Map<Quality, Integer> ratings,
            @Size(max = RatingDecider.MAX_NOTE) String note) {
    }

    public record MentorFeedbackView(String feedbackId, String matchId, Map<Quality, Integer> ratings, String note, Instant givenAt) {
    }

    private final CommandHandler commands;
    private final Aggregate<RatingCommand, RatingEvent, Ratings> ratings;
    private final People people;
    private final Caller caller;
    private final Clock clock;

    public RatingResource(CommandHandler commands, Aggregate<RatingCommand, RatingEvent, Ratings> ratings, People people, Caller caller, Clock clock) {
        this.commands = commands;
        this.ratings = ratings;
        this.people = people;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/check-ins/{checkInId}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"apprentice", "mentor"})
    @Operation(summary = "Each side of a completed check-in rates it once: usefulness 1-5, a mood, an optional private note",
            description = "Only the mentor and the apprentice of that check-in's match (403 otherwise), while the match runs (409 after). The "
                    + "same rating again changes nothing; another is 409. Published as CheckInFeedbackGiven, without rating, mood or note.")
    public Uni<RestResponse<CheckInFeedbackView>> rateCheckIn(@PathParam("checkInId") String checkInId, @Valid @NotNull CheckInFeedback request) {
        String subject = caller.subject();
        return checkIn(checkInId, subject).chain(side -> retried(() -> commands.handle(ratings, "checkin-" + checkInId,
                        new RatingCommand.RateCheckIn(checkInId, match(side), side(side), request.usefulness(), request.mood(), request.note(), clock.instant()),
                        caller.context(), clock::instant))
                .map(done -> RestResponse.ResponseBuilder.<CheckInFeedbackView>created(URI.create("/check-ins/" + checkInId + "/feedback/mine"))
                        .entity(view(done.state().checkIn().get(side(side)))).build()));
    }

    @GET
    @Path("/check-ins/{checkInId}/feedback/mine")
    @RolesAllowed({"apprentice", "mentor"})
    @Operation(summary = "The caller's own rating of a check-in, note included; nobody else's")
    public Uni<CheckInFeedbackView> myCheckInFeedback(@PathParam("checkInId") String checkInId) {
        return checkIn(checkInId, caller.subject()).chain(side -> commands.load(ratings, "checkin-" + checkInId).map(read -> {
            CheckInRated rated = side(side) == null ? null : read.state().checkIn().get(side(side));
            if (rated == null) {
                throw DomainException.notFound("You have not rated check-in " + checkInId);
            }
            return view(rated);
        }));
    }

    @POST
    @Path("/matches/{matchId}/mentor-feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("apprentice")
    @Operation(summary = "The apprentice of a running match rates their mentor on each teacher quality the talk names, 1-5",
            description = "Every quality rated; an optional private note. As often as the apprentice likes. Published as MentorFeedbackGiven, "
                    + "without ratings or note; the mentor sees only aggregates (GET /mentors/me/feedback).")
    public Uni<RestResponse<MentorFeedbackView>> rateMentor(@PathParam("matchId") String matchId, @Valid @NotNull MentorFeedback request,
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Ids.parse(matchId, "match");
        Optional<String> key = IdempotencyKeys.parse(idempotencyKey);
        String feedbackId = CommandHandler.entryId("mentor-feedback", caller.subject(), key);
        return people.side(matchId, caller.subject()).chain(side -> {
            if (side == null) {
                throw DomainException.notFound("No match " + matchId + " is known here");
            }
            return retried(() -> commands.handle(ratings, "mentor-" + matchId, new RatingCommand.RateMentor(feedbackId, match(side), side(side),
                    request.ratings(), request.note(), clock.instant()), caller.context(), clock::instant));
        }).map(done -> {
            var rated = done.state().mentor().get(feedbackId);
            return RestResponse.ResponseBuilder.<MentorFeedbackView>created(URI.create("/matches/" + matchId + "/mentor-feedback/" + feedbackId))
                    .entity(new MentorFeedbackView(feedbackId, matchId, rated.ratings(), rated.note(), rated.at())).build();
        });
    }

    /** The check-in's match and the caller's side of it: 404 for a check-in unknown here. */
    private Uni<People.Side> checkIn(String checkInId, String subject) {
        Ids.parse(checkInId, "check-in");
        return Panache.withSession(() -> SessionSql.select("select match_id from check_ins where check_in_id = $1", checkInId)).chain(rows -> {
            if (rows.isEmpty()) {
                throw DomainException.notFound("No completed check-in " + checkInId + " is known here");
            }
            return people.side((String) rows.getFirst()[0], subject);
        }).map(side -> {
            if (side == null) {
                throw DomainException.notFound("The match of check-in " + checkInId + " is not known here yet");
            }
            return side;
        });
    }

    private static <T> Uni<Versioned<T>> retried(java.util.function.Supplier<Uni<? extends Versioned<T>>> command) {
        return Uni.createFrom().<Versioned<T>>deferred(command).onFailure(ConcurrencyConflict.class).retry().atMost(2);
    }

    private static RatingCommand.Match match(People.Side side) {
        return new RatingCommand.Match(side.matchId(), side.mentorId(), side.apprenticeId(), side.cohortId(), side.ended());
    }

    private static Side side(People.Side side) {
        return side.side() == null ? null : Side.valueOf(side.side());
    }

    private static CheckInFeedbackView view(CheckInRated rated) {
        return new CheckInFeedbackView(rated.checkInId(), rated.side().name(), rated.usefulness(), rated.mood(), rated.note(), rated.at());
    }

}
