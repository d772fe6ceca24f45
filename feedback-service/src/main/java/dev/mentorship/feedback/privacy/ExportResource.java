package dev.mentorship.feedback.privacy;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.privacy.History;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.assessment.AssessmentCommand;
import dev.mentorship.feedback.assessment.AssessmentEvent;
import dev.mentorship.feedback.assessment.AssessmentResource.Own;
import dev.mentorship.feedback.assessment.PersonAssessments;
import dev.mentorship.feedback.mentorship.People;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Subject access: everything feedback-service holds about the caller. */
@Path("/people/me/export")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    public record ExportView(String service, String subject, Instant exportedAt, List<Own> assessments, List<History.Entry> ratingsGiven,
            List<AccessLog.Entry> readsOfYourRecords) {
    }

    private final CommandHandler commands;
    private final Aggregate<AssessmentCommand, AssessmentEvent, PersonAssessments> assessments;
    private final History history;
    private final Caller caller;
    private final Clock clock;
    private final AccessLog accessLog;

    public ExportResource(CommandHandler commands, Aggregate<AssessmentCommand, AssessmentEvent, PersonAssessments> assessments,
            History history, Caller caller, Clock clock, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.commands = commands;
        this.assessments = assessments;
        this.history = history;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "Everything feedback-service holds about you, as JSON",
            description = "Your safety assessments (answers, scores, what you shared) and the ratings you gave, notes included. Not "
                    + "included: what others wrote when they rated a check-in or a mentor, which stays theirs.")
    public Uni<ExportView> export() {
        String subject = caller.subject();
        Instant now = clock.instant();
        return Panache.withSession(() -> commands.loadInSession(assessments, People.key(subject)).chain(read -> {
            List<Own> own = read.state().assessments().values().stream()
                    .sorted(Comparator.comparing(PersonAssessments.Assessment::submittedAt)).map(Own::of).toList();
            return SessionSql.select("select distinct stream_id from events where type in ('CheckInRated', 'MentorRated') "
                    + "and metadata->>'actor' = $1 order by stream_id", subject)
                    // A stream of ratings holds both sides'; only the caller's own are theirs to see.
                    .chain(rows -> InOrder.map(rows, row -> history.of((String) row[0], (event, data) -> subject.equals(history.actor(event))
                            ? data : null)))
                    .chain(perStream -> accessLog.all(subject).map(reads -> new ExportView("feedback", subject, now, own,
                            perStream.stream().flatMap(List::stream).toList(), reads)));
        }));
    }
}
