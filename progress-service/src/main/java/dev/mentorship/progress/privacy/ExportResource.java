package dev.mentorship.progress.privacy;

import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.privacy.History;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.progress.apprentice.ApprenticeProgress;
import dev.mentorship.progress.apprentice.ProgressAccess.Reader;
import dev.mentorship.progress.apprentice.ProgressReport;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Subject access: everything progress-service holds about the caller. */
@Path("/people/me/export")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    /** The caller's journey as an apprentice: their progress as they read it, and the history of their milestones. */
    public record JourneyView(ProgressReport.ProgressView progress, List<History.Entry> milestoneHistory) {
    }

    /** A match the caller mentored or mentors: its check-ins, which the pair share. */
    public record MentoredMatchView(String matchId, String apprenticeId, Instant startedAt, Instant endedAt, List<History.Entry> checkIns) {
    }

    public record ExportView(String service, String subject, Instant exportedAt, List<JourneyView> asApprentice,
            List<MentoredMatchView> asMentor, List<AccessLog.Entry> readsOfYourRecords) {
    }

    private final ProgressReport report;
    private final History history;
    private final Caller caller;
    private final Clock clock;
    private final AccessLog accessLog;

    public ExportResource(ProgressReport report, History history, Caller caller, Clock clock, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.report = report;
        this.history = history;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "Everything progress-service holds about you, as JSON",
            description = "As an apprentice: your progress (milestones, check-ins with their topics and notes, shadowed shifts, interview "
                    + "loops) and the history of your milestones with your evidence and your mentors' comments. As a mentor: the check-ins of "
                    + "the matches you mentor (of an ended match, the ones you logged). And who else read your records.")
    public Uni<ExportView> export() {
        String subject = caller.subject();
        Instant now = clock.instant();
        return Panache.withSession(() -> ApprenticeProgress.<ApprenticeProgress>list("apprenticeSubject", subject)
                .chain(records -> InOrder.map(records, record -> report.of(record, Reader.APPRENTICE, null)
                        .chain(progress -> history.of("milestones-" + record.apprenticeId, (event, data) -> data)
                                .map(entries -> new JourneyView(progress, entries)))))
                .chain(journeys -> SessionSql.select("select match_id, apprentice_id, started_at, ended_at from progress_matches "
                                + "where mentor_subject = $1 order by started_at", subject)
                        .chain(rows -> InOrder.map(rows, row -> {
                            boolean ended = row[3] != null;
                            // While the match runs the pair share its check-ins; once it ended, the mentor keeps only what they logged.
                            return history.of("checkins-" + row[0], (event, data) -> !ended || subject.equals(history.actor(event)) ? data : null)
                                    .map(entries -> new MentoredMatchView((String) row[0], (String) row[1], Rows.asInstant(row[2]),
                                            ended ? Rows.asInstant(row[3]) : null, entries));
                        }))
                        .chain(mentored -> accessLog.all(subject).map(reads -> new ExportView("progress", subject, now, journeys, mentored,
                                reads)))));
    }
}
