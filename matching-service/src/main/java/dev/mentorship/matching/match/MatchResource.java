package dev.mentorship.matching.match;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.matching.directory.Directory;
import dev.mentorship.matching.match.MatchCommand.AcceptMatch;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/matches")
@Tag(name = "Matches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MatchResource {

    public record ProposeMatchRequest(@Schema(examples = "3f6c2a9e-7d41-4c1b-9a55-0b2e8f1d4c77") @NotBlank String mentorId,
            @Schema(examples = "9b1d7e42-2c3a-4f8e-b6d0-5a4c3e2f1b88") @NotBlank String apprenticeId) {
    }

    public record EndMatchRequest(@Schema(examples = "ENDED_BY_PROGRAM_OFFICE") @NotNull EndReason reason,
            @Schema(examples = "mentor moved to another organisation") @jakarta.validation.constraints.Size(max = 1000) String note) {
    }

    public enum ReviewDecision { KEEP, REMATCH }

    public record ReviewRequest(@Schema(examples = "KEEP") @NotNull ReviewDecision decision,
            @Schema(examples = "talked with both; agreed on weekly check-ins") @jakarta.validation.constraints.Size(max = 1000) String note) {
    }

    public record DeclineMatchRequest(@Schema(examples = "on parental leave next month") @NotBlank @jakarta.validation.constraints.Size(max = 1000) String reason) {
    }

    public record MatchView(String id, String mentorId, String apprenticeId, String cohortId, String status,
            List<String> acceptedBy) {

        static MatchView of(Match match) {
            return new MatchView(match.id(), match.mentorId(), match.apprenticeId(), match.cohortId(),
                    match.status().name(), match.acceptedBy().stream().map(Enum::name).sorted().toList());
        }
    }

    private final CommandHandler commands;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;
    private final MatchProposals proposals;
    private final Caller caller;
    private final Clock clock;
    private final AccessLog accessLog;
    private final Directory directory;

    public MatchResource(Directory directory, CommandHandler commands, Aggregate<MatchCommand, MatchEvent, Match> matches,
            MatchProposals proposals, Caller caller, Clock clock, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.directory = directory;
        this.commands = commands;
        this.matches = matches;
        this.proposals = proposals;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({"program-office", "admin"})
    @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, description = IdempotencyKeys.DESCRIPTION)
    @Operation(summary = "Propose a mentor and an apprentice to each other",
            description = "The match starts once both have accepted it. 404 when either person does not exist; 422 when the "
                    + "mentor is paused, offboarded or at capacity, or the apprentice has withdrawn, graduated or already has an "
                    + "open match.")
    public Uni<RestResponse<Map<String, String>>> propose(@Valid @NotNull ProposeMatchRequest request) {
        Ids.parse(request.mentorId(), "mentor");
        Ids.parse(request.apprenticeId(), "apprentice");
        return commands.create(matches, caller.idempotencyKey(), request, caller.context(), (id, context) -> {
                    List<MatchProposals.Pair> pair = List.of(new MatchProposals.Pair(id, request.mentorId(), request.apprenticeId()));
                    return Panache.withTransaction(() -> proposals.read(pair)
                            .chain(standings -> proposals.propose(pair, standings, context, clock.instant()))
                            .map(proposed -> proposed.get(0)));
                })
                .map(created -> IdempotencyKeys.created("/matches", created));
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed({"mentor", "apprentice", "program-office", "admin"})
    @Operation(summary = "Accept a proposed match, as its mentor or its apprentice",
            description = "403 for anyone else. When both sides have accepted, the match starts and MatchStarted is published. "
                    + "Send the ETag you read in If-Match to be told (412) when the match changed meanwhile.")
    public Uni<RestResponse<MatchView>> accept(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "match");
        return commands.handle(matches, id, new AcceptMatch(id, caller.subject(), clock.instant()),
                        caller.context().expecting(Versions.fromIfMatch(ifMatch)), clock::instant)
                .map(this::view);
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed({"mentor", "apprentice", "program-office", "admin"})
    @Operation(summary = "Decline a proposed match, as its mentor or its apprentice, with a reason",
            description = "The pair is then excluded from later matching rounds; the apprentice is matched again in the next round.")
    public Uni<RestResponse<MatchView>> decline(@PathParam("id") String id, @Valid @NotNull DeclineMatchRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "match");
        return commands.handle(matches, id, new MatchCommand.DeclineMatch(id, caller.subject(), request.reason(), clock.instant()),
                        caller.context().expecting(Versions.fromIfMatch(ifMatch)), clock::instant)
                .map(this::view);
    }

    @GET
    @io.quarkus.hibernate.reactive.panache.common.WithSession
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Match history with end reasons, newest first; ?cohortId= narrows it to one cohort",
            description = PageRequest.CSV_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of the match history",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Directory.MatchHistory.class)),
                    @Content(mediaType = Directory.CSV, schema = @Schema(type = SchemaType.STRING))})
    public Uni<jakarta.ws.rs.core.Response> history(@QueryParam("cohortId") String cohortId,
            @Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        if (cohortId != null) {
            Ids.parse(cohortId, "cohort");
        }
        return directory.history(cohortId, PageRequest.of(limit, after));
    }

    @GET
    @Produces(Directory.CSV)
    @RolesAllowed({"program-office", "admin"})
    @Operation(hidden = true) // the same operation as history(), for Accept: text/csv; documented there
    public Multi<String> historyCsv(@QueryParam("cohortId") String cohortId) {
        if (cohortId != null) {
            Ids.parse(cohortId, "cohort");
        }
        return directory.historyCsv(cohortId);
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "End a match: GRADUATED, WITHDRAWN, REMATCHED or ENDED_BY_PROGRAM_OFFICE, with an optional note",
            description = "A match ended by REMATCHED excludes the pair from later rounds.")
    public Uni<RestResponse<MatchView>> end(@PathParam("id") String id, @Valid @NotNull EndMatchRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "match");
        return commands.handle(matches, id, new MatchCommand.EndMatch(id, request.reason(), request.note(), clock.instant()),
                        caller.context().expecting(Versions.fromIfMatch(ifMatch)), clock::instant)
                .map(this::view);
    }

    @POST
    @Path("/{id}/review")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Decide on a match under review after a safety concern: KEEP it, or REMATCH (ends it, excludes the pair)")
    public Uni<RestResponse<MatchView>> review(@PathParam("id") String id, @Valid @NotNull ReviewRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "match");
        MatchCommand command = request.decision() == ReviewDecision.KEEP
                ? new MatchCommand.KeepMatch(id, request.note(), clock.instant())
                : new MatchCommand.EndMatch(id, EndReason.REMATCHED, request.note(), clock.instant());
        return commands.handle(matches, id, command, caller.context().expecting(Versions.fromIfMatch(ifMatch)), clock::instant)
                .map(this::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"program-office", "admin", "mentor", "apprentice"})
    @Operation(summary = "A match: the program office, or its mentor or apprentice")
    public Uni<RestResponse<MatchView>> get(@PathParam("id") String id) {
        Ids.parse(id, "match");
        return commands.load(matches, id).chain(result -> {
            if (!result.exists()) {
                throw DomainException.notFound("No match " + id);
            }
            if (!caller.isProgramStaff() && result.state().partyOf(caller.subject()).isEmpty()) {
                throw DomainException.notAllowed("Only the program office or the people in this match can read it");
            }
            // A match is a record of both its people: a read by anyone else is in their access logs.
            return accessLog.read(caller, java.util.Arrays.asList(result.state().mentorSubject(), result.state().apprenticeSubject()))
                    .replaceWith(view(result));
        });
    }

    private RestResponse<MatchView> view(Versioned<Match> result) {
        return RestResponse.ResponseBuilder.ok(MatchView.of(result.state())).tag(Versions.etag(result.version())).build();
    }
}
