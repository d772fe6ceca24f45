package dev.mentorship.feedback.concern;

import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.assessment.AssessmentEvent.Severity;
import dev.mentorship.feedback.concern.ConcernCommand.Side;
import dev.mentorship.feedback.concern.ConcernCommand.Source;
import dev.mentorship.feedback.mentorship.People;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Safety concerns: raised by a person about their match or by their own trend, handled by the program office. */
@Path("/concerns")
@Tag(name = "Concerns")
@Produces(MediaType.APPLICATION_JSON)
public class ConcernResource {

    public record RaiseRequest(@Schema(examples = "0195a6c2-0000-7000-8000-000000000003") @NotBlank String matchId,
            @Schema(description = "MEDIUM when absent") Severity severity) {
    }

    /** A concern as the program office sees it: no answers, no scores, domains only where the person agreed. */
    public record ConcernView(String concernId, String matchId, String cohortId, String source, String side, String severity,
            List<String> domains, String status, Instant raisedAt, Instant acknowledgedAt, Instant resolvedAt) {
    }

    private final CommandHandler commands;
    private final Aggregate<ConcernCommand, ConcernEvent, Concern> concerns;
    private final People people;
    private final Caller caller;
    private final Clock clock;

    public ConcernResource(CommandHandler commands, Aggregate<ConcernCommand, ConcernEvent, Concern> concerns, People people, Caller caller,
            Clock clock) {
        this.commands = commands;
        this.concerns = concerns;
        this.people = people;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"apprentice", "mentor"})
    @Operation(summary = "\"I want to talk to the program office\": the apprentice or the mentor of a running match raises a concern about it",
            description = "Published as SafetyConcernRaised (match, severity, time); matching-service puts the match under review. 403 for "
                    + "anyone not in the match, 409 once it has ended.")
    public Uni<RestResponse<ConcernView>> raise(@Valid @NotNull RaiseRequest request,
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        Ids.parse(request.matchId(), "match");
        Optional<String> key = IdempotencyKeys.parse(idempotencyKey);
        String concernId = CommandHandler.entryId("concern", caller.subject(), key);
        return people.side(request.matchId(), caller.subject()).chain(side -> {
            if (side == null || side.side() == null) {
                throw DomainException.notAllowed("Only the apprentice or the mentor of the match raises a concern about it");
            }
            if (side.ended()) {
                throw DomainException.invalidTransition("Match " + request.matchId() + " has ended");
            }
            return commands.handle(concerns, concernId, new ConcernCommand.Raise(concernId, request.matchId(), side.cohortId(), Source.PERSON,
                    Side.valueOf(side.side()), request.severity() == null ? Severity.MEDIUM : request.severity(), List.of(), clock.instant()),
                    caller.context(), clock::instant);
        }).map(done -> RestResponse.ResponseBuilder.<ConcernView>created(URI.create("/concerns/" + concernId)).entity(view(done)).build());
    }

    @GET
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Concerns, newest first, optionally by status (RAISED, ACKNOWLEDGED, RESOLVED); at most 500")
    public Uni<List<ConcernView>> list(@QueryParam("status") String status) {
        if (status != null && Arrays.stream(Concern.Status.values()).noneMatch(known -> known.name().equals(status))) {
            throw DomainException.invalidInput("status is RAISED, ACKNOWLEDGED or RESOLVED");
        }
        return Panache.withSession(() -> SessionSql.select("select concern_id, match_id, cohort_id, source, side, severity, domains, status,"
                + " raised_at, acknowledged_at, resolved_at from concerns where ($1::text is null or status = $1) order by raised_at desc limit 500",
                status)).map(rows -> rows.stream().map(row -> new ConcernView((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4], (String) row[5], ((String) row[6]).isEmpty() ? List.of() : List.of(((String) row[6]).split(",")),
                        (String) row[7], Rows.asInstant(row[8]), Rows.asInstant(row[9]), Rows.asInstant(row[10]))).toList());
    }

    @GET
    @Path("/{concernId}")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "One concern")
    public Uni<ConcernView> get(@PathParam("concernId") String concernId) {
        Ids.parse(concernId, "concern");
        return commands.load(concerns, concernId).map(read -> {
            if (read.state().status() == Concern.Status.NONE) {
                throw DomainException.notFound("No concern " + concernId);
            }
            return view(read);
        });
    }

    @POST
    @Path("/{concernId}/acknowledge")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "The program office has seen the concern and is reaching out; again changes nothing")
    public Uni<ConcernView> acknowledge(@PathParam("concernId") String concernId) {
        Ids.parse(concernId, "concern");
        return Uni.createFrom().<Versioned<Concern>>deferred(() -> commands.handle(concerns, concernId, new ConcernCommand.Acknowledge(
                        caller.isProgramStaff(), caller.subject(), clock.instant()), caller.context(), clock::instant))
                .onFailure(dev.mentorship.eventsourcing.store.ConcurrencyConflict.class).retry().atMost(2).map(ConcernResource::view);
    }

    @POST
    @Path("/{concernId}/resolve")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "The program office resolves the concern; again changes nothing")
    public Uni<ConcernView> resolve(@PathParam("concernId") String concernId) {
        Ids.parse(concernId, "concern");
        return Uni.createFrom().<Versioned<Concern>>deferred(() -> commands.handle(concerns, concernId, new ConcernCommand.Resolve(
                        caller.isProgramStaff(), caller.subject(), clock.instant()), caller.context(), clock::instant))
                .onFailure(dev.mentorship.eventsourcing.store.ConcurrencyConflict.class).retry().atMost(2).map(ConcernResource::view);
    }

    private static ConcernView view(Versioned<Concern> read) {
        Concern concern = read.state();
        var raised = concern.raised();
        return new ConcernView(raised.concernId(), raised.matchId(), raised.cohortId(), raised.source().name(), raised.side().name(),
                raised.severity().name(), raised.domains().stream().map(Enum::name).toList(), concern.status().name(), raised.at(),
                concern.acknowledgedAt(), concern.resolvedAt());
    }


}
