package dev.mentorship.matching.cohort;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.matching.cohort.CohortCommand.OpenCohort;
import dev.mentorship.matching.cohort.CohortCommand.SetMatchingWeights;
import dev.mentorship.matching.cohort.CohortCommand.SetOwners;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.mentorship.matching.directory.Directory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/cohorts")
@Tag(name = "Cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohortResource {

    public record WeightsRequest(
            @Schema(description = "Weight of the apprentice's goals covered by the mentor's skills", examples = "0.6") @DecimalMin("0") Double goals,
            @Schema(description = "Weight of the working hours the two share across time zones", examples = "0.3") @DecimalMin("0") Double workingHours,
            @Schema(description = "Weight of the mentor's free capacity", examples = "0.1") @DecimalMin("0") Double availability) {

        /** Absent factors keep the value they have in {@code base}. */
        public MatchingWeights over(MatchingWeights base) {
            return base.with(goals, workingHours, availability);
        }
    }

    public record OpenCohortRequest(
            @Schema(examples = "SRE apprentices, spring 2027") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "2027-03-01") LocalDate startDate,
            @Schema(description = "Matching weights for this cohort's rounds; absent factors take the standard 0.6 / 0.3 / 0.1") @Valid WeightsRequest weights,
            @Schema(description = "Program-office subjects responsible for the cohort: only they and admins may then change its settings, "
                    + "owners and matching rounds. Absent or empty: the whole program office may")
            @Size(max = 20) List<@NotBlank @Size(max = 255) String> owners) {
    }

    public record OwnersRequest(@Schema(examples = "[\"office-anna\", \"office-ben\"]") @NotNull @Size(max = 20) List<@NotBlank @Size(max = 255) String> owners) {
    }

    public record CohortView(String id, String name, LocalDate startDate, MatchingWeights weights, List<String> owners) {

        static CohortView of(Cohort cohort) {
            return new CohortView(cohort.id(), cohort.name(), cohort.startDate(), cohort.weights(), cohort.owners());
        }
    }

    private final CommandHandler commands;
    private final Aggregate<CohortCommand, CohortEvent, Cohort> cohorts;
    private final Caller caller;
    private final Clock clock;
    private final Directory directory;

    public CohortResource(CommandHandler commands, Aggregate<CohortCommand, CohortEvent, Cohort> cohorts, Caller caller, Clock clock,
            Directory directory) {
        this.directory = directory;
        this.commands = commands;
        this.cohorts = cohorts;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({"program-office", "admin"})
    @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, description = IdempotencyKeys.DESCRIPTION)
    @Operation(summary = "Open a cohort",
            description = "Name, optional start date, matching weights and owners. Without owners the whole program office "
                    + "manages it; with owners, only they and admins do.")
    public Uni<RestResponse<Map<String, String>>> open(@Valid @NotNull OpenCohortRequest request) {
        MatchingWeights weights = request.weights() == null ? null : request.weights().over(MatchingWeights.standard());
        // No default owner: owners restrict who may manage the cohort, so a cohort has them only when asked.
        List<String> owners = request.owners() != null ? request.owners() : List.of();
        return commands.create(cohorts, caller.idempotencyKey(), request, caller.context(), (id, context) -> commands.handleNew(
                        cohorts, id, new OpenCohort(id, request.name(), request.startDate(), weights, owners, clock.instant()), context, clock::instant))
                .map(created -> IdempotencyKeys.created("/cohorts", created));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"program-office", "admin", "mentor", "apprentice"})
    @Operation(summary = "A cohort")
    public Uni<RestResponse<CohortView>> get(@PathParam("id") String id) {
        Ids.parse(id, "cohort");
        return commands.load(cohorts, id).map(result -> {
            if (!result.exists()) {
                throw DomainException.notFound("No cohort " + id);
            }
            return RestResponse.ResponseBuilder.ok(CohortView.of(result.state())).tag(Versions.etag(result.version())).build();
        });
    }

    @PUT
    @Path("/{id}/matching-weights")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Set the weights this cohort's matching rounds use",
            description = "Absent factors keep their current value. A round may still name its own weights. "
                    + "403 for a program-office caller who is not an owner of a cohort that has owners. "
                    + "Send the ETag in If-Match to be told (412) of a concurrent change.")
    public Uni<RestResponse<CohortView>> setWeights(@PathParam("id") String id, @Valid @NotNull WeightsRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "cohort");
        return change(id, new SetMatchingWeights(id, request.goals(), request.workingHours(), request.availability(), caller.subject(),
                caller.hasRole("admin"), clock.instant()), ifMatch);
    }

    @PUT
    @Path("/{id}/owners")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Replace the program-office owners of a cohort",
            description = "Where the cohort has owners, only they and admins may (403 otherwise); an empty list opens it to the "
                    + "whole program office. Send the ETag in If-Match to be told (412) of a concurrent change.")
    public Uni<RestResponse<CohortView>> setOwners(@PathParam("id") String id, @Valid @NotNull OwnersRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "cohort");
        return change(id, new SetOwners(id, request.owners(), caller.subject(), caller.hasRole("admin"), clock.instant()), ifMatch);
    }

    private Uni<RestResponse<CohortView>> change(String id, CohortCommand command, String ifMatch) {
        return commands.handle(cohorts, id, command, caller.context().expecting(Versions.fromIfMatch(ifMatch)), clock::instant)
                .map(result -> RestResponse.ResponseBuilder.ok(CohortView.of(result.state())).tag(Versions.etag(result.version())).build());
    }

    @GET
    @Path("/{id}/time-to-match")
    @WithSession
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Days from enrolment to a started match across the cohort: median, 90th percentile, maximum, distribution",
            description = "A report, open to the whole program office whether or not the cohort has owners.")
    public Uni<Directory.TimeToMatch> timeToMatch(@PathParam("id") String id) {
        return directory.timeToMatch(id);
    }

    @GET
    @Path("/{id}/unmatched")
    @WithSession
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Apprentices of a cohort still waiting for a match, longest wait first, with days waiting",
            description = "A report, open to the whole program office whether or not the cohort has owners. " + PageRequest.CSV_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of waiting apprentices",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Directory.WaitingApprentice.class)),
                    @Content(mediaType = Directory.CSV, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> unmatched(@PathParam("id") String id,
            @Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        return directory.unmatched(id, PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}/unmatched")
    @Produces(Directory.CSV)
    @RolesAllowed({"program-office", "admin"})
    @Operation(hidden = true) // the same operation as unmatched(), for Accept: text/csv; documented there
    public Multi<String> unmatchedCsv(@PathParam("id") String id) {
        return directory.unmatchedCsv(id);
    }
}
