package dev.mentorship.matching.cohort;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.matching.Ids;
import dev.mentorship.matching.cohort.CohortCommand.OpenCohort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.mentorship.matching.directory.Directory;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/cohorts")
@Tag(name = "Cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohortResource {

    public record OpenCohortRequest(@NotBlank @Size(max = 200) String name, LocalDate startDate) {
    }

    public record CohortView(String id, String name, LocalDate startDate) {
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
    @Operation(summary = "Open a cohort")
    public Uni<RestResponse<Map<String, String>>> open(@Valid @NotNull OpenCohortRequest request) {
        String id = UUID.randomUUID().toString();
        return commands.handle(cohorts, id, new OpenCohort(id, request.name(), request.startDate(), clock.instant()),
                        caller.context(), clock::instant)
                .map(result -> RestResponse.ResponseBuilder.<Map<String, String>>created(URI.create("/cohorts/" + id))
                        .entity(Map.of("id", id)).tag(Versions.etag(result.version())).build());
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
            Cohort cohort = result.state();
            return RestResponse.ResponseBuilder.ok(new CohortView(cohort.id(), cohort.name(), cohort.startDate()))
                    .tag(Versions.etag(result.version())).build();
        });
    }

    @GET
    @Path("/{id}/time-to-match")
    @WithSession
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Days from enrolment to a started match across the cohort: median, 90th percentile, maximum, distribution")
    public Uni<Directory.TimeToMatch> timeToMatch(@PathParam("id") String id) {
        return directory.timeToMatch(id);
    }

    @GET
    @Path("/{id}/unmatched")
    @WithSession
    @Produces({MediaType.APPLICATION_JSON, Directory.CSV})
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Apprentices of a cohort still waiting for a match, longest wait first, with days waiting",
            description = "Answers text/csv as well.")
    public Uni<Response> unmatched(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return directory.unmatched(id, accept);
    }
}
