package dev.mentorship.matching.hr;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandContext;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.matching.MatchingConfig;
import dev.mentorship.matching.hr.MentorCandidateResource.Candidate;
import dev.mentorship.matching.hr.MentorCandidateResource.ConfirmRequest;
import dev.mentorship.matching.mentor.Mentor;
import dev.mentorship.matching.mentor.MentorCommand;
import dev.mentorship.matching.mentor.MentorEvent;
import dev.mentorship.matching.person.Person;
import dev.mentorship.matching.person.Registration;
import dev.mentorship.matching.skill.SkillVocabulary;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * People an HR rule puts forward as mentors. HR knows who they are, not their account, experience or
 * skills, so each waits for the program office: confirmed, they are registered as a mentor (with the
 * rules of {@code POST /mentors}) and linked to their HR record, so later changes and their leaving
 * reach the mentor; dismissed, they stay out, whatever HR sends about them afterwards.
 */
@ApplicationScoped
public class MentorCandidates {

    static final String PENDING = "PENDING";
    static final List<String> STATUSES = List.of(PENDING, "CONFIRMED", "DISMISSED", "LEFT");
    private static final String COLUMNS = "id::text, source, employee_id, name, email, job_title, department, manager_id, timezone, status,"
            + " mentor_id, proposed_at, decided_by, decided_at";

    private final CommandHandler commands;
    private final Aggregate<MentorCommand, MentorEvent, Mentor> mentors;
    private final MatchingConfig config;

    public MentorCandidates(CommandHandler commands, Aggregate<MentorCommand, MentorEvent, Mentor> mentors, MatchingConfig config) {
        this.commands = commands;
        this.mentors = mentors;
        this.config = config;
    }

    /** A new candidate from an HR change, linked to its HR record; within the caller's session. */
    Uni<String> propose(String source, HrChange change) {
        String id = NewIds.next().toString();
        return SessionSql.update("insert into hr_mentor_candidates (id, source, employee_id, name, email, job_title, department, manager_id,"
                + " timezone, status) values ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING')", id, source, change.employeeId(), change.name(),
                change.email(), change.jobTitle(), change.department(), change.managerId(), change.timezone())
                .chain(() -> SessionSql.update("insert into hr_people (source, employee_id, kind, person_id) values ($1, $2, 'candidate', $3)", source,
                        change.employeeId(), id))
                .replaceWith("proposed mentor candidate " + id);
    }

    /**
     * What HR sends about a pending candidate replaces what it sent before; a dismissed one keeps its
     * record. One confirmed meanwhile (the link read before the confirmation committed) is retried, and
     * then reaches the mentor.
     */
    Uni<String> update(String candidateId, HrChange change) {
        return SessionSql.select("update hr_mentor_candidates set name = coalesce($2, name), email = coalesce($3, email), job_title = coalesce($4,"
                + " job_title), department = coalesce($5, department), manager_id = coalesce($6, manager_id), timezone = coalesce($7, timezone),"
                + " updated_at = now() where id = $1::uuid and status = 'PENDING' returning id", candidateId, change.name(), change.email(),
                change.jobTitle(), change.department(), change.managerId(), change.timezone())
                .chain(updated -> updated.isEmpty() ? decided(candidateId).map(status -> "ignored: mentor candidate " + candidateId + " is " + status)
                        : Uni.createFrom().item("updated mentor candidate " + candidateId));
    }

    /**
     * A candidate who leaves the company before being confirmed leaves the list, and their HR record is
     * marked as left. Waits for a confirmation under way (the candidate's row lock); one that committed
     * first makes this a retry, which then offboards the mentor.
     */
    Uni<String> left(String candidateId, String source, String employeeId) {
        return SessionSql.update("update hr_mentor_candidates set status = 'LEFT', updated_at = now() where id = $1::uuid and status in ('PENDING',"
                + " 'DISMISSED')", candidateId)
                .chain(() -> SessionSql.select("update hr_people set kind = 'left' where source = $1 and employee_id = $2 and kind = 'candidate'"
                        + " returning kind", source, employeeId))
                .chain(marked -> marked.isEmpty() ? decided(candidateId).map(status -> "ignored: mentor candidate " + candidateId + " is " + status)
                        : Uni.createFrom().item("mentor candidate " + candidateId + " left"));
    }

    /** The status of a candidate HR's change no longer applies to; a retry when they were confirmed meanwhile. */
    private static Uni<String> decided(String candidateId) {
        return SessionSql.select("select status from hr_mentor_candidates where id = $1::uuid", candidateId).map(rows -> {
            String status = rows.isEmpty() ? "gone" : (String) rows.getFirst()[0];
            if ("CONFIRMED".equals(status)) {
                throw DomainException.notReady("Mentor candidate " + candidateId + " was confirmed meanwhile; the change goes to the mentor");
            }
            return status;
        });
    }

    public Uni<List<Candidate>> list(String status) {
        return Panache.withSession(() -> SessionSql.select("select " + COLUMNS + " from hr_mentor_candidates where ($1::text is null or status = $1)"
                + " order by proposed_at, id limit 500", status)).map(rows -> rows.stream().map(MentorCandidates::candidate).toList());
    }

    /**
     * Registers the candidate as a mentor, with what the program office adds, and links their HR record
     * to the mentor; all in one transaction under the candidate's row lock, so a second confirmation
     * waits and is then refused.
     */
    public Uni<Candidate> confirm(String candidateId, ConfirmRequest request, String decidedBy, CommandContext context, Instant now) {
        String mentorId = NewIds.next().toString();
        List<String> skills = SkillVocabulary.require(request.skills(), "skills");
        return Panache.withTransaction(() -> pending(candidateId).chain(candidate -> {
            String name = request.name() != null ? request.name().strip() : candidate.name();
            String email = request.email() != null ? request.email().strip() : candidate.email();
            String timezone = request.timezone() != null ? request.timezone() : candidate.timezone();
            if (name == null || email == null || timezone == null) {
                throw DomainException.invalidInput("The HR record of candidate " + candidateId + " has no " + (name == null ? "name"
                        : email == null ? "email" : "timezone") + "; send it with the confirmation");
            }
            var command = new MentorCommand.RegisterMentor(mentorId, request.subject(), request.sreExperienceYears(), skills, timezone,
                    request.capacity() == null ? 1 : request.capacity(), request.managerId() != null ? request.managerId() : candidate.managerId(),
                    request.pledgedQualities() == null ? List.of() : request.pledgedQualities(), config.minimumMentorExperienceYears(), now);
            Person person = Person.of(UUID.fromString(mentorId), "mentor", name, email, null);
            return Registration.register(person, request.subject(), () -> SessionSql.select("update hr_people set kind = 'mentor', person_id = $3 where source = $1"
                    + " and employee_id = $2 and kind = 'candidate' returning kind", candidate.source(), candidate.employeeId(), mentorId)
                    .chain(linked -> {
                        if (linked.isEmpty()) {
                            throw DomainException.invalidTransition("Mentor candidate " + candidateId + " has left the company");
                        }
                        return commands.executeNew(mentors, mentorId, command, context, now);
                    }))
                    .chain(() -> decide(candidateId, "CONFIRMED", mentorId, decidedBy));
        }));
    }

    /** Keeps the candidate out of the program; HR's later changes about them are ignored. */
    public Uni<Candidate> dismiss(String candidateId, String decidedBy) {
        return Panache.withTransaction(() -> pending(candidateId).chain(candidate -> decide(candidateId, "DISMISSED", null, decidedBy)));
    }

    private static Uni<Candidate> pending(String candidateId) {
        return SessionSql.select("select " + COLUMNS + " from hr_mentor_candidates where id = $1::uuid for update", candidateId).map(rows -> {
            if (rows.isEmpty()) {
                throw DomainException.notFound("No mentor candidate " + candidateId);
            }
            Candidate candidate = candidate(rows.getFirst());
            if (!PENDING.equals(candidate.status())) {
                throw DomainException.invalidTransition("Mentor candidate " + candidateId + " is " + candidate.status() + ", not PENDING");
            }
            return candidate;
        });
    }

    private static Uni<Candidate> decide(String candidateId, String status, String mentorId, String decidedBy) {
        return SessionSql.select("update hr_mentor_candidates set status = $2, mentor_id = $3, decided_by = $4, decided_at = now(), updated_at = now()"
                + " where id = $1::uuid returning " + COLUMNS, candidateId, status, mentorId, decidedBy).map(rows -> candidate(rows.getFirst()));
    }

    private static Candidate candidate(Object[] row) {
        return new Candidate((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4], (String) row[5], (String) row[6],
                (String) row[7], (String) row[8], (String) row[9], (String) row[10], Rows.asInstant(row[11]), (String) row[12], Rows.asInstant(row[13]));
    }

}
