package dev.mentorship.matching.person;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import dev.mentorship.eventsourcing.privacy.History;
import dev.mentorship.eventsourcing.reactive.InOrder;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.matching.apprentice.Apprentice;
import dev.mentorship.matching.apprentice.ApprenticeCommand;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import dev.mentorship.matching.match.Match;
import dev.mentorship.matching.match.MatchCommand;
import dev.mentorship.matching.match.MatchEvent;
import dev.mentorship.matching.mentor.Mentor;
import dev.mentorship.matching.mentor.MentorCommand;
import dev.mentorship.matching.mentor.MentorEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Subject access: everything matching-service holds about the caller. */
@Path("/people/me/export")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    /** An apprentice or mentor record of the caller: contact details, the record as it stands, and its history. */
    public record RecordView(String kind, String id, Map<String, Object> contact, Object current, List<History.Entry> history) {
    }

    /** A match the caller is in, from their side: the other side's decline reason and the program office's review notes are not theirs. */
    public record MatchRecordView(String id, String side, Match current, List<History.Entry> history) {
    }

    /** What HR sent about the caller, as the platform keeps it. */
    public record HrRecordView(String source, String employeeId, String name, String email, String jobTitle, String department,
            String managerId, String timezone, String status, Instant proposedAt) {
    }

    public record ExportView(String service, String subject, Instant exportedAt, List<RecordView> records, List<MatchRecordView> matches,
            List<HrRecordView> hrRecords, List<AccessLog.Entry> readsOfYourRecords) {
    }

    private final CommandHandler commands;
    private final Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices;
    private final Aggregate<MentorCommand, MentorEvent, Mentor> mentors;
    private final Aggregate<MatchCommand, MatchEvent, Match> matches;
    private final History history;
    private final Caller caller;
    private final Clock clock;
    private final AccessLog accessLog;

    public ExportResource(CommandHandler commands, Aggregate<ApprenticeCommand, ApprenticeEvent, Apprentice> apprentices,
            Aggregate<MentorCommand, MentorEvent, Mentor> mentors, Aggregate<MatchCommand, MatchEvent, Match> matches, History history,
            Caller caller, Clock clock, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.commands = commands;
        this.apprentices = apprentices;
        this.mentors = mentors;
        this.matches = matches;
        this.history = history;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"apprentice", "mentor", "program-office", "admin"})
    @Operation(summary = "Everything matching-service holds about you, as JSON",
            description = "Your apprentice and mentor records (contact details, the record as it stands, its history), the matches you are "
                    + "in as you see them, what HR sent about you and who else read your records. Not included: what the other side of a "
                    + "match wrote when declining it, and the program office's notes on ending or reviewing a match.")
    public Uni<ExportView> export() {
        String subject = caller.subject();
        Instant now = clock.instant();
        return Panache.withSession(() -> PersonErasure.known(subject).chain(known -> {
            String[] ids = known.ids().toArray(String[]::new);
            return InOrder.map(known.apprenticeIds(), id -> record("apprentice", id, apprentices.streamId(id),
                            commands.loadInSession(apprentices, id).map(read -> (Object) read.state())))
                    .chain(asApprentice -> InOrder.map(known.mentorIds(), id -> record("mentor", id, mentors.streamId(id),
                            commands.loadInSession(mentors, id).map(read -> (Object) read.state()))).map(asMentor -> {
                                List<RecordView> records = new ArrayList<>(asApprentice);
                                records.addAll(asMentor);
                                return records;
                            }))
                    .chain(records -> PersonErasure.matchIds(ids)
                            .chain(rows -> InOrder.map(rows, row -> match((String) row[0], subject)))
                            .chain(matchViews -> hrRecords(ids).chain(hr -> accessLog.all(subject)
                                    .map(reads -> new ExportView("matching", subject, now, records, matchViews, hr, reads)))));
        }));
    }

    private Uni<RecordView> record(String kind, String id, String streamId, Uni<Object> current) {
        return current.chain(state -> Person.<Person>findById(UUID.fromString(id)).chain(person -> {
            Map<String, Object> contact = new LinkedHashMap<>();
            if (person != null) {
                contact.put("name", person.name);
                contact.put("email", person.email);
                contact.put("background", person.background);
            }
            return history.of(streamId, (event, data) -> data).map(entries -> new RecordView(kind, id, contact, state, entries));
        }));
    }

    private Uni<MatchRecordView> match(String matchId, String subject) {
        return commands.loadInSession(matches, matchId).chain(read -> {
            Match match = read.state();
            String side = subject.equals(match.mentorSubject()) ? "MENTOR" : "APPRENTICE";
            return history.of(matches.streamId(matchId), (event, data) -> redact(event, data, side, subject.equals(history.actor(event))))
                    .map(entries -> new MatchRecordView(matchId, side, match, entries));
        });
    }

    /**
     * The other side's reasons for declining are theirs; the program office's notes on ending or
     * keeping a match (a review protects whoever raised the concern) are the office's, unless the
     * caller wrote them.
     */
    private static ObjectNode redact(StoredEvent event, ObjectNode data, String side, boolean theirs) {
        if (event.type().equals("MatchDeclined") && !side.equals(data.path("party").asText())) {
            data.remove("reason");
        }
        if ((event.type().equals("MatchKept") || event.type().equals("MatchEnded")) && !theirs) {
            data.remove("note");
        }
        return data;
    }

    private static Uni<List<HrRecordView>> hrRecords(String[] ids) {
        return SessionSql.select("select c.source, c.employee_id, c.name, c.email, c.job_title, c.department, c.manager_id, c.timezone, c.status, "
                + "c.proposed_at from hr_mentor_candidates c where c.mentor_id = any($1::text[]) or exists (select 1 from hr_people h "
                + "where h.person_id = any($1::text[]) and h.source = c.source and h.employee_id = c.employee_id) order by c.proposed_at", (Object) ids)
                .map(rows -> rows.stream().map(row -> new HrRecordView((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], Rows.asInstant(row[9]))).toList());
    }
}
