package dev.mentorship.matching.apprentice;

import static dev.mentorship.eventsourcing.security.Pseudonyms.NOT_PSEUDONYM;
import static dev.mentorship.eventsourcing.security.Pseudonyms.REFUSED;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.matching.apprentice.ApprenticeCommand.EnrollApprentice;
import dev.mentorship.matching.cohort.Cohort;
import dev.mentorship.matching.cohort.CohortCommand;
import dev.mentorship.matching.cohort.CohortEvent;
import dev.mentorship.matching.directory.Directory;
import dev.mentorship.matching.person.Person;
import dev.mentorship.matching.person.Registration;
import dev.mentorship.matching.skill.SkillVocabulary;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotEmpty;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/apprentices")
@Tag(name = "Apprentices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprenticeResource {

    public record EnrollApprenticeRequest(
            @Schema(examples = "Rona Padawan") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "rona@example.com") @NotBlank @Email @Size(max = 320) String email,
            @Schema(description = "OIDC subject of the apprentice's account", examples = "rona") @NotBlank @Size(max = 255) @Pattern(regexp = NOT_PSEUDONYM, message = REFUSED) String subject,
            @Schema(examples = "maths teacher, coding bootcamp") @Size(max = 2000) String background,
            @Schema(description = "Skills to learn, from GET /skills", examples = "[\"observability\", \"on-call\"]") @NotEmpty List<@NotBlank String> goals,
            @Schema(description = "IANA time zone", examples = "America/New_York") @NotBlank String timezone,
            @Schema(examples = "5d2f0c1e-8a7b-4e3d-9c6f-1a2b3c4d5e6f") @NotBlank String cohortId,
            @Schema(examples = "manager-lee") @Size(max = 255) String managerId) {
    }

    public record UpdateApprenticeRequest(@Schema(examples = "[\"kubernetes\"]")
            @Size(min = 1, message = "must not be empty; leave it out to keep the current goals") List<@NotBlank String> goals,
            @Schema(examples = "Europe/Berlin") String timezone, @Size(max = 255) String managerId,
            @Size(max = 2000) String background) {
    }

    public record WithdrawRequest(@Schema(examples = "moved to another team") @NotBlank @Size(max = 1000) String reason) {
    }

    public record ApprenticeView(String id, String name, String email, String subject, String background,
            List<String> goals, String timezone, String cohortId, String managerId, String status) {
    }

    private final CommandHandler commands;
    private final Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices;
    private final Aggregate<CohortCommand, CohortEvent, Cohort> cohorts;
    private final Caller caller;
    private final Clock clock;
    private final Directory directory;
    private final Withdrawals withdrawals;
    private final AccessLog accessLog;

    public ApprenticeResource(CommandHandler commands, Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices,
            Aggregate<CohortCommand, CohortEvent, Cohort> cohorts, Caller caller, Clock clock, Directory directory, Withdrawals withdrawals,
            AccessLog accessLog) {
        this.accessLog = accessLog;
        this.withdrawals = withdrawals;
        this.directory = directory;
        this.commands = commands;
        this.apprentices = apprentices;
        this.cohorts = cohorts;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({"program-office", "admin"})
    @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, description = IdempotencyKeys.DESCRIPTION)
    @Operation(summary = "Enrol an apprentice in a cohort", description = "404 when the cohort does not exist.")
    public Uni<RestResponse<Map<String, String>>> enroll(@Valid @NotNull EnrollApprenticeRequest request) {
        Ids.parse(request.cohortId(), "cohort");
        List<String> goals = SkillVocabulary.require(request.goals(), "goals");
        return commands.create(apprentices, caller.idempotencyKey(), request, caller.context(), (id, context) -> {
            EnrollApprentice command = new EnrollApprentice(id, request.subject(), goals, request.timezone(), request.cohortId(),
                    request.managerId(), clock.instant());
            Person person = Person.of(UUID.fromString(id), "apprentice", request.name().strip(), request.email().strip(),
                    request.background());
            return Registration.register(person, request.subject(), () -> commands.loadInSession(cohorts, request.cohortId()).chain(cohort -> {
                if (!cohort.exists()) {
                    throw DomainException.notFound("No cohort " + request.cohortId());
                }
                return commands.executeNew(apprentices, id, command, context, command.now());
            }));
        }).map(created -> IdempotencyKeys.created("/apprentices", created));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"program-office", "admin", "mentor", "apprentice"})
    @Operation(summary = "An apprentice's record: the program office, or the apprentice themself")
    public Uni<RestResponse<ApprenticeView>> get(@PathParam("id") String id) {
        UUID uuid = Ids.parse(id, "apprentice");
        return Panache.withSession(() -> commands.loadInSession(apprentices, id)
                .chain(result -> Person.<Person>findById(uuid).chain(person -> {
                    if (!result.exists() || person == null) {
                        throw DomainException.notFound("No apprentice " + id);
                    }
                    Apprentice apprentice = result.state();
                    if (!caller.isProgramStaff() && !caller.subject().equals(apprentice.subject())) {
                        throw DomainException.notAllowed("Only the program office or the apprentice themself can read this record");
                    }
                    return accessLog.read(caller, apprentice.subject()).replaceWith(RestResponse.ResponseBuilder.ok(new ApprenticeView(apprentice.id(), person.name, person.email,
                                    apprentice.subject(), person.background, apprentice.goals(), apprentice.timezone(),
                                    apprentice.cohortId(), apprentice.managerId(), apprentice.status().name()))
                            .tag(Versions.etag(result.version())).build());
                })));
    }

    @jakarta.ws.rs.PATCH
    @Path("/{id}")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Change an apprentice's goals, time zone, manager or background; absent fields keep their value")
    public Uni<RestResponse<Map<String, String>>> update(@PathParam("id") String id, @Valid @NotNull UpdateApprenticeRequest request,
            @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.IF_MATCH) String ifMatch) {
        UUID uuid = Ids.parse(id, "apprentice");
        ApprenticeCommand.UpdateApprentice command = new ApprenticeCommand.UpdateApprentice(id,
                request.goals() == null ? null : SkillVocabulary.require(request.goals(), "goals"), request.timezone(),
                request.managerId(), clock.instant());
        return Panache.withTransaction(() -> Person.<Person>findById(uuid).chain(person -> {
            if (person != null && request.background() != null) {
                person.background = request.background();
            }
            return commands.execute(apprentices, id, command, caller.context().expecting(Versions.fromIfMatch(ifMatch)), command.now());
        })).map(result -> RestResponse.ResponseBuilder.ok(Map.of("id", id, "status", result.state().status().name()))
                .tag(Versions.etag(result.version())).build());
    }

    @GET
    @Path("/{id}/match")
    @WithSession
    @RolesAllowed({"program-office", "admin", "apprentice"})
    @Operation(summary = "An apprentice's current match: proposed, started or under review",
            description = "The apprentice themself or the program office. 404 when there is none, e.g. while waiting for a round.")
    public Uni<Directory.CurrentMatch> match(@PathParam("id") String id) {
        return directory.currentMatch(id);
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Withdraw an apprentice from the program, with a reason",
            description = "Their running or proposed match ends as WITHDRAWN in the same transaction.")
    public Uni<RestResponse<Map<String, String>>> withdraw(@PathParam("id") String id, @Valid @NotNull WithdrawRequest request) {
        Ids.parse(id, "apprentice");
        return withdrawals.withdraw(id, request.reason(), caller.context(), clock.instant())
                .map(result -> RestResponse.ResponseBuilder.ok(Map.of("id", id, "status", result.state().status().name()))
                        .tag(Versions.etag(result.version())).build());
    }
}
