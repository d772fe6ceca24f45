package dev.mentorship.feedback.assessment;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.http.IdempotencyKeys;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.assessment.AssessmentCommand.Role;
import dev.mentorship.feedback.assessment.AssessmentCommand.TrendRules;
import dev.mentorship.feedback.assessment.PersonAssessments.Assessment;
import dev.mentorship.feedback.mentorship.People;
import dev.mentorship.feedback.questionnaire.Domain;
import dev.mentorship.feedback.questionnaire.Questionnaires;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Self-assessments. Only their author reads their answers, through any endpoint: there is no
 * endpoint for anyone else's, a program-office or admin token included. The domain scores reach a
 * mentor only when the apprentice shares them, and the program office only as aggregates.
 */
@Path("/")
@Tag(name = "Assessments")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    public record SubmitRequest(@Schema(examples = "safety") @NotBlank String questionnaire, @Schema(examples = "1") @Min(1) int version,
            @Schema(examples = "{\"security-1\": 4, \"security-2\": 3}") @NotNull Map<String, Integer> answers,
            @Schema(description = "Whether a concern this assessment raises may name its domains to the program office; false when absent")
            Boolean domainsToProgramOffice) {
    }

    /** What the author gets back: the id and the domain scores. */
    public record Submitted(String assessmentId, String questionnaire, int version, Map<Domain, BigDecimal> scores) {
    }

    /** One of the caller's own assessments, answers included. */
    public record Own(String assessmentId, String questionnaire, int version, String role, String matchId, Map<String, Integer> answers,
            Map<Domain, BigDecimal> scores, List<String> flaggedDomains, Instant submittedAt, String sharedWithMatch, Instant sharedAt) {

        public static Own of(Assessment assessment) {
            return new Own(assessment.assessmentId(), assessment.questionnaire(), assessment.version(), assessment.role().name(),
                    assessment.matchId(), assessment.answers(), assessment.scores(), assessment.flagged(), assessment.submittedAt(),
                    assessment.sharedWithMatch(), assessment.sharedAt());
        }
    }

    /** A point of the caller's trend: one assessment's score in a domain. */
    public record TrendPoint(Instant at, String assessmentId, BigDecimal score) {
    }

    public record Trend(Map<String, Map<Domain, List<TrendPoint>>> byQuestionnaire) {
    }

    /** Scores an apprentice shared with the calling mentor. */
    public record SharedAssessment(String assessmentId, String matchId, String apprenticeId, String questionnaire, int version,
            @com.fasterxml.jackson.annotation.JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) String scores,
            Instant submittedAt, Instant sharedAt) {
    }

    private final CommandHandler commands;
    private final Aggregate<AssessmentCommand, AssessmentEvent, PersonAssessments> assessments;
    private final Questionnaires questionnaires;
    private final People people;
    private final Caller caller;
    private final AccessLog accessLog;
    private final Clock clock;
    private final TrendRules rules;

    public AssessmentResource(CommandHandler commands, Aggregate<AssessmentCommand, AssessmentEvent, PersonAssessments> assessments,
            Questionnaires questionnaires, People people, Caller caller, Clock clock,
            @ConfigProperty(name = "feedback.trend.window", defaultValue = "3") int window,
            @ConfigProperty(name = "feedback.trend.minimum-history", defaultValue = "2") int minimumHistory,
            @ConfigProperty(name = "feedback.trend.drop", defaultValue = "0.25") BigDecimal drop,
            @ConfigProperty(name = "feedback.trend.floor", defaultValue = "0.25") BigDecimal floor, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.commands = commands;
        this.assessments = assessments;
        this.questionnaires = questionnaires;
        this.people = people;
        this.caller = caller;
        this.clock = clock;
        this.rules = new TrendRules(window, minimumHistory, drop, floor);
    }

    @POST
    @Path("/assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"apprentice", "mentor"})
    @Operation(summary = "Submit a self-assessment: an apprentice about their apprenticeship, a mentor about themself",
            description = "Every item of the current version answered on its scale (400 otherwise; 422 for a retired or unknown version). "
                    + "Answers 201 with the domain scores. An apprentice's answers are about their current match; a domain falling against "
                    + "their own baseline or under the floor raises a concern for it. Published as SafetyAssessmentSubmitted, without answers "
                    + "or scores.")
    public Uni<RestResponse<Submitted>> submit(@Valid @NotNull SubmitRequest request,
            @Parameter(description = IdempotencyKeys.DESCRIPTION) @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        var questionnaire = questionnaires.answerable(request.questionnaire(), request.version());
        questionnaire.check(request.answers());
        Optional<String> key = IdempotencyKeys.parse(idempotencyKey);
        String subject = caller.subject();
        String assessmentId = CommandHandler.entryId("assessment", subject, key);
        Role role = caller.hasRole("apprentice") ? Role.APPRENTICE : Role.MENTOR;
        Uni<AssessmentCommand.Context> context = role == Role.APPRENTICE ? people.currentAsApprentice(subject) : Uni.createFrom().nullItem();
        return Uni.createFrom().<Versioned<PersonAssessments>>deferred(() -> context.chain(about -> commands.handle(assessments, People.key(subject),
                        new AssessmentCommand.Submit(assessmentId, role, about, questionnaire, request.answers(),
                                Boolean.TRUE.equals(request.domainsToProgramOffice()), rules, UUID.randomUUID().toString(), clock.instant()),
                        caller.context(), clock::instant)))
                .onFailure(ConcurrencyConflict.class).retry().atMost(2)
                .map(done -> {
                    Assessment assessment = done.state().assessments().get(assessmentId);
                    return RestResponse.ResponseBuilder.<Submitted>created(URI.create("/assessments/" + assessmentId))
                            .entity(new Submitted(assessmentId, assessment.questionnaire(), assessment.version(), assessment.scores())).build();
                });
    }

    @GET
    @Path("/assessments/mine")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "The caller's own assessments, newest first, answers included: nobody else's, whatever the caller's role")
    public Uni<List<Own>> mine() {
        return commands.load(assessments, People.key(caller.subject())).map(read -> read.state().assessments().values().stream()
                .sorted(Comparator.comparing(Assessment::submittedAt).reversed()).map(Own::of).toList());
    }

    @GET
    @Path("/assessments/{assessmentId}")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "One of the caller's own assessments; anyone else's is not found, whatever the caller's role")
    public Uni<Own> one(@PathParam("assessmentId") String assessmentId) {
        return commands.load(assessments, People.key(caller.subject())).map(read -> {
            Assessment assessment = read.state().assessments().get(assessmentId);
            if (assessment == null) {
                throw DomainException.notFound("You have no assessment " + assessmentId);
            }
            return Own.of(assessment);
        });
    }

    @POST
    @Path("/assessments/{assessmentId}/share")
    @RolesAllowed("apprentice")
    @Operation(summary = "The apprentice shares one of their assessments' domain scores (never the answers) with their current mentor",
            description = "404 for an assessment that is not the caller's; 409 without a current mentor. Sharing again changes nothing.")
    public Uni<Own> share(@PathParam("assessmentId") String assessmentId) {
        String subject = caller.subject();
        return Uni.createFrom().<Versioned<PersonAssessments>>deferred(() -> people.currentAsApprentice(subject).chain(context -> commands.handle(
                        assessments, People.key(subject), new AssessmentCommand.Share(assessmentId, context, clock.instant()), caller.context(),
                        clock::instant)))
                .onFailure(ConcurrencyConflict.class).retry().atMost(2)
                .map(done -> Own.of(done.state().assessments().get(assessmentId)));
    }

    @GET
    @Path("/people/me/safety-trend")
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "The caller's own scores over time, per questionnaire and domain, oldest first")
    public Uni<Trend> trend() {
        return commands.load(assessments, People.key(caller.subject())).map(read -> {
            Map<String, Map<Domain, List<TrendPoint>>> trend = new java.util.TreeMap<>();
            read.state().assessments().values().stream().sorted(Comparator.comparing(Assessment::submittedAt)).forEach(assessment ->
                    assessment.scores().forEach((domain, score) -> trend.computeIfAbsent(assessment.questionnaire(),
                                    questionnaire -> new EnumMap<>(Domain.class)).computeIfAbsent(domain, d -> new java.util.ArrayList<>())
                            .add(new TrendPoint(assessment.submittedAt(), assessment.assessmentId(), score))));
            return new Trend(trend);
        });
    }

    @GET
    @Path("/mentors/me/shared-assessments")
    @RolesAllowed("mentor")
    @Operation(summary = "Domain scores the calling mentor's current apprentices shared with them, newest first")
    public Uni<List<SharedAssessment>> sharedWithMe() {
        return Panache.withSession(() -> SessionSql.select("select s.assessment_id, s.match_id, m.apprentice_id, s.questionnaire, s.version, s.scores,"
                + " s.submitted_at, s.shared_at, m.apprentice_subject from shared_assessments s join mentorships m on m.match_id = s.match_id"
                + " where m.mentor_subject = $1 and m.ended_at is null and " + People.NOT_ENDED_IN_LOG + " order by s.shared_at desc", caller.subject()))
                // The apprentices' scores are their records: the mentor's read of them goes in the access log.
                .call(rows -> accessLog.read(caller, rows.stream().map(row -> (String) row[8]).toList()))
                .map(rows -> rows.stream().map(row -> new SharedAssessment((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (Integer) row[4], (String) row[5], ((java.time.OffsetDateTime) row[6]).toInstant(),
                        ((java.time.OffsetDateTime) row[7]).toInstant())).toList());
    }
}
