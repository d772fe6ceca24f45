package dev.mentorship.matching.mentor;

import static dev.mentorship.eventsourcing.security.Pseudonyms.NOT_PSEUDONYM;
import static dev.mentorship.eventsourcing.security.Pseudonyms.REFUSED;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.http.PageRequest;
import dev.mentorship.eventsourcing.http.Versions;
import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.matching.MatchingConfig;
import dev.mentorship.matching.directory.Directory;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.matching.match.EndReason;
import dev.mentorship.matching.match.Match;
import dev.mentorship.matching.match.MatchEnding;
import dev.mentorship.matching.match.OpenMatches;
import dev.mentorship.matching.mentor.MentorCommand.RegisterMentor;
import dev.mentorship.matching.person.Person;
import dev.mentorship.matching.person.Registration;
import dev.mentorship.matching.skill.SkillVocabulary;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

@Path("/mentors")
@Tag(name = "Mentors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MentorResource {

    public record RegisterMentorRequest(
            @Schema(examples = "Tammy Teacher") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "tammy@example.com") @NotBlank @Email @Size(max = 320) String email,
            @Schema(description = "OIDC subject of the mentor's account", examples = "tammy") @NotBlank @Size(max = 255) @Pattern(regexp = NOT_PSEUDONYM, message = REFUSED) String subject,
            @Schema(description = "At least the program's minimum (2 by default)", examples = "6") @NotNull @Min(0) @Max(60) Integer sreExperienceYears,
            @Schema(description = "Skills offered, from GET /skills", examples = "[\"observability\", \"incident-response\"]") @NotEmpty List<@NotBlank String> skills,
            @Schema(description = "IANA time zone", examples = "Europe/Dublin") @NotBlank String timezone,
            @Schema(description = "Apprentices at once; 1 when absent", examples = "2") @Min(1) @Max(20) Integer capacity,
            @Schema(description = "Reporting line: never matched with someone under the same manager", examples = "manager-kim") @Size(max = 255) String managerId,
            @Schema(examples = "[\"CHECKS_IN\", \"ADVOCATES\"]") List<@NotNull TeacherQuality> pledgedQualities) {
    }

    public record UpdateMentorRequest(@Schema(examples = "7") @Min(0) @Max(60) Integer sreExperienceYears,
            @Schema(examples = "[\"observability\", \"kubernetes\"]")
            @Size(min = 1, message = "must not be empty; leave it out to keep the current skills") List<@NotBlank String> skills,
            @Schema(examples = "America/New_York") String timezone,
            @Size(max = 255) String managerId, List<@NotNull TeacherQuality> pledgedQualities,
            @Schema(description = "PAUSED stops new proposals; ACTIVE resumes", examples = "PAUSED") Mentor.Status status) {
    }

    public record CapacityRequest(@Schema(examples = "3") @NotNull @Min(1) @Max(20) Integer capacity) {
    }

    public record MentorView(String id, String name, String email, String subject, int sreExperienceYears,
            List<String> skills, String timezone, int capacity, String managerId, List<TeacherQuality> pledgedQualities,
            String status) {
    }

    private final CommandHandler commands;
    private final Aggregate<MentorCommand, MentorEvent, Mentor> mentors;
    private final Caller caller;
    private final Clock clock;
    private final MatchingConfig config;
    private final Directory directory;
    private final MatchEnding matchEnding;
    private final OpenMatches openMatches;
    private final AccessLog accessLog;

    public MentorResource(CommandHandler commands, Aggregate<MentorCommand, MentorEvent, Mentor> mentors, Caller caller,
            Clock clock, MatchingConfig config, Directory directory, MatchEnding matchEnding, OpenMatches openMatches, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.openMatches = openMatches;
        this.directory = directory;
        this.matchEnding = matchEnding;
        this.commands = commands;
        this.mentors = mentors;
        this.caller = caller;
        this.clock = clock;
        this.config = config;
    }

    @POST
    @RolesAllowed({"program-office", "admin"})
    @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, description = IdempotencyKeys.DESCRIPTION)
    @Operation(summary = "Register a mentor (an SRE teacher)",
            description = "422 when the mentor has less SRE experience than the program requires.")
    public Uni<RestResponse<Map<String, String>>> register(@Valid @NotNull RegisterMentorRequest request) {
        List<String> skills = SkillVocabulary.require(request.skills(), "skills");
        return commands.create(mentors, caller.idempotencyKey(), request, caller.context(), (id, context) -> {
            RegisterMentor command = new RegisterMentor(id, request.subject(), request.sreExperienceYears(), skills, request.timezone(),
                    request.capacity() == null ? 1 : request.capacity(), request.managerId(),
                    request.pledgedQualities() == null ? List.of() : request.pledgedQualities(),
                    config.minimumMentorExperienceYears(), clock.instant());
            Person person = Person.of(UUID.fromString(id), "mentor", request.name().strip(), request.email().strip(), null);
            return Registration.register(person, request.subject(), () -> commands.executeNew(mentors, id, command, context, command.now()));
        }).map(created -> IdempotencyKeys.created("/mentors", created));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"program-office", "admin", "mentor", "apprentice"})
    @Operation(summary = "A mentor's record: the program office, or the mentor themself")
    public Uni<RestResponse<MentorView>> get(@PathParam("id") String id) {
        UUID uuid = Ids.parse(id, "mentor");
        return Panache.withSession(() -> commands.loadInSession(mentors, id)
                .chain(result -> Person.<Person>findById(uuid).chain(person -> {
                    if (!result.exists() || person == null) {
                        throw DomainException.notFound("No mentor " + id);
                    }
                    Mentor mentor = result.state();
                    if (!caller.isProgramStaff() && !caller.subject().equals(mentor.subject())) {
                        throw DomainException.notAllowed("Only the program office or the mentor themself can read this record");
                    }
                    return accessLog.read(caller, mentor.subject()).replaceWith(RestResponse.ResponseBuilder.ok(new MentorView(mentor.id(), person.name, person.email,
                                    mentor.subject(), mentor.sreExperienceYears(), mentor.skills(), mentor.timezone(),
                                    mentor.capacity(), mentor.managerId(), mentor.pledgedQualities(), mentor.status().name()))
                            .tag(Versions.etag(result.version())).build());
                })));
    }

    @GET
    @WithSession
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Mentors with capacity, active matches, pending proposals and utilisation, in id order",
            description = "Ids are time-ordered, so this is the order of registration." + PageRequest.CSV_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of mentors",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Directory.MentorLoad.class)),
                    @Content(mediaType = Directory.CSV, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> list(@Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        return directory.mentorLoads(PageRequest.of(limit, after));
    }

    @GET
    @Produces(Directory.CSV)
    @RolesAllowed({"program-office", "admin"})
    @Operation(hidden = true) // the same operation as list(), for Accept: text/csv; documented there
    public Multi<String> listCsv() {
        return directory.mentorLoadsCsv();
    }

    @jakarta.ws.rs.PATCH
    @Path("/{id}")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Change a mentor's profile: experience, skills, time zone, manager, pledged qualities, or pause/resume (status)",
            description = "Absent fields keep their value. Send the ETag in If-Match to be told (412) of a concurrent change.")
    public Uni<RestResponse<Map<String, Object>>> update(@PathParam("id") String id, @Valid @NotNull UpdateMentorRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "mentor");
        MentorCommand.UpdateMentor command = new MentorCommand.UpdateMentor(id, request.sreExperienceYears(),
                request.skills() == null ? null : SkillVocabulary.require(request.skills(), "skills"), request.timezone(),
                request.managerId(), request.pledgedQualities(), request.status(), clock.instant());
        return change(id, command, ifMatch);
    }

    @jakarta.ws.rs.PUT
    @Path("/{id}/capacity")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Set how many apprentices a mentor takes at once")
    public Uni<RestResponse<Map<String, Object>>> capacity(@PathParam("id") String id, @Valid @NotNull CapacityRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Ids.parse(id, "mentor");
        return change(id, new MentorCommand.ChangeCapacity(id, request.capacity(), clock.instant()), ifMatch);
    }

    @POST
    @Path("/{id}/offboard")
    @RolesAllowed({"program-office", "admin"})
    @Operation(summary = "Offboard a mentor: no new matches; running ones are ended by the program office")
    public Uni<RestResponse<Map<String, Object>>> offboard(@PathParam("id") String id) {
        Ids.parse(id, "mentor");
        return change(id, new MentorCommand.OffboardMentor(id, clock.instant()), null);
    }

    /**
     * Under the mentor's lock, so that no proposal for them commits between this change and its
     * check of their status and capacity. A mentor who is paused or offboarded by the change loses
     * their pending proposals in the same transaction; those are read, with the mentor, before the
     * first write.
     */
    private Uni<RestResponse<Map<String, Object>>> change(String id, MentorCommand command, String ifMatch) {
        Instant now = clock.instant();
        boolean mayStop = command instanceof MentorCommand.OffboardMentor
                || command instanceof MentorCommand.UpdateMentor update && update.status() != null && update.status() != Mentor.Status.ACTIVE;
        // Taken from the request once: a second run of the transaction happens after a back-off.
        CommandContext context = caller.context();
        CommandContext expecting = context.expecting(Versions.fromIfMatch(ifMatch));
        return commands.inTransaction(() -> openMatches.lock(List.of(id), List.of())
                        .chain(() -> commands.loadInSession(mentors, id))
                        .chain(mentor -> (mayStop ? matchEnding.pendingProposalsOf(id) : Uni.createFrom().item(List.<Versioned<Match>>of()))
                                .chain(pending -> commands.executeOn(mentors, mentor, command,
                                                expecting, now)
                                        .call(result -> result.exists() && result.state().status() != Mentor.Status.ACTIVE
                                                ? matchEnding.end(pending, EndReason.ENDED_BY_PROGRAM_OFFICE,
                                                        "mentor " + result.state().status().name().toLowerCase(), context, now)
                                                : Uni.createFrom().voidItem()))))
                .map(result -> {
                    if (!result.exists()) {
                        throw DomainException.notFound("No mentor " + id);
                    }
                    Map<String, Object> body = Map.of("id", id, "status", result.state().status().name(),
                            "capacity", result.state().capacity());
                    return RestResponse.ResponseBuilder.ok(body).tag(Versions.etag(result.version())).build();
                });
    }

    @GET
    @Path("/{id}/apprentices")
    @WithSession
    @RolesAllowed({"program-office", "admin", "mentor"})
    @Operation(summary = "A mentor's active apprentices (started matches), oldest first: the mentor themself or the program office",
            description = PageRequest.CSV_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of the roster",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Directory.RosterEntry.class)),
                    @Content(mediaType = Directory.CSV, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> apprentices(@PathParam("id") String id,
            @Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        return directory.apprentices(id, PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}/apprentices")
    @Produces(Directory.CSV)
    @RolesAllowed({"program-office", "admin", "mentor"})
    @Operation(hidden = true) // the same operation as apprentices(), for Accept: text/csv; documented there
    public Multi<String> apprenticesCsv(@PathParam("id") String id) {
        return directory.apprenticesCsv(id);
    }

    @GET
    @Path("/{id}/proposals")
    @WithSession
    @RolesAllowed({"program-office", "admin", "mentor"})
    @Operation(summary = "A mentor's pending match proposals, oldest first: the mentor themself or the program office",
            description = PageRequest.CSV_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of the proposals",
            headers = @Header(name = "Link", description = PageRequest.LINK_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Directory.RosterEntry.class)),
                    @Content(mediaType = Directory.CSV, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> proposals(@PathParam("id") String id,
            @Parameter(description = PageRequest.LIMIT_DESCRIPTION) @QueryParam(PageRequest.LIMIT) String limit,
            @Parameter(description = PageRequest.AFTER_DESCRIPTION) @QueryParam(PageRequest.AFTER) String after) {
        return directory.proposals(id, PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}/proposals")
    @Produces(Directory.CSV)
    @RolesAllowed({"program-office", "admin", "mentor"})
    @Operation(hidden = true) // the same operation as proposals(), for Accept: text/csv; documented there
    public Multi<String> proposalsCsv(@PathParam("id") String id) {
        return directory.proposalsCsv(id);
    }
}
