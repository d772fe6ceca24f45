package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.http.Caller;
import dev.mentorship.eventsourcing.http.Ids;
import dev.mentorship.eventsourcing.privacy.AccessLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import java.util.Objects;

/**
 * Who reads an apprentice's progress: the apprentice, the mentor of their current match, and the
 * program office. A former mentor reads nothing; a new mentor after a rematch reads all of it (their
 * predecessors' check-in notes excepted: those stay with each pair).
 */
@RequestScoped
public class ProgressAccess {

    public enum Reader { APPRENTICE, CURRENT_MENTOR, PROGRAM_OFFICE }

    /** The apprentice's record and who the caller is to it. */
    public record Granted(ApprenticeProgress record, Reader reader) {
    }

    private final Caller caller;
    private final AccessLog accessLog;

    public ProgressAccess(Caller caller, AccessLog accessLog) {
        this.caller = caller;
        this.accessLog = accessLog;
    }

    /**
     * The apprentice's record if the caller may read it: 404 for an apprentice unknown here, 403 for
     * anyone else. A read by anyone but the apprentice goes in the access log.
     */
    public Uni<Granted> check(String apprenticeId) {
        return granted(apprenticeId).call(granted -> accessLog.read(caller, granted.record().apprenticeSubject));
    }

    private Uni<Granted> granted(String apprenticeId) {
        Ids.parse(apprenticeId, "apprentice");
        return Panache.withSession(() -> ApprenticeProgress.<ApprenticeProgress>findById(apprenticeId)).map(record -> {
            if (record == null) {
                throw DomainException.notFound("No progress is known for apprentice " + apprenticeId);
            }
            String subject = caller.subject();
            if (Objects.equals(subject, record.apprenticeSubject)) {
                return new Granted(record, Reader.APPRENTICE);
            }
            if (record.matchId != null && Objects.equals(subject, record.mentorSubject)) {
                return new Granted(record, Reader.CURRENT_MENTOR);
            }
            if (caller.isProgramStaff()) {
                return new Granted(record, Reader.PROGRAM_OFFICE);
            }
            throw DomainException.notAllowed("Only the apprentice, their current mentor or the program office can read this");
        });
    }

}
