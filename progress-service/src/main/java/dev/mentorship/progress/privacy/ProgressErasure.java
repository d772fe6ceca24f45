package dev.mentorship.progress.privacy;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.privacy.DataKeys;
import dev.mentorship.eventsourcing.privacy.Erasure;
import dev.mentorship.eventsourcing.privacy.ErasureCommand;
import dev.mentorship.eventsourcing.privacy.ErasureEvent;
import dev.mentorship.eventsourcing.privacy.ErasurePolicy;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * progress-service's part of an erasure. Its personal fields are check-in topics and notes (keyed by
 * the match), evidence, mentors' comments and shift notes (keyed by the apprentice): erasing the keys
 * of the person's apprentice records and of every match they were in leaves them reading "erased".
 * The read models hold ids, states and times only; they keep counting the person, anonymously.
 */
@Singleton
public class ProgressErasure extends ErasurePolicy {

    public ProgressErasure(CommandHandler commands, Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures, DataKeys keys, Payloads payloads,
            Clock clock) {
        super("progress", commands, erasures, keys, payloads, clock);
    }

    /**
     * The person's apprentice records and every match they were in, from the consumed events in the
     * log, which came before the request on the same topic.
     */
    @Override
    protected Uni<Set<String>> keyIds(String subject) {
        return SessionSql.select("select payload->>'apprenticeId' from events where type = $2 and payload->>'apprenticeSubject' = $1 "
                        + "union select payload->>'apprenticeId' from events where type = $3 and payload->>'apprenticeSubject' = $1 "
                        + "union select payload->>'matchId' from events where type = $3 "
                        + "and (payload->>'apprenticeSubject' = $1 or payload->>'mentorSubject' = $1)",
                        subject, Contracts.APPRENTICE_ENROLLED.ceType(), Contracts.MATCH_STARTED.ceType())
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(row -> ids.add((String) row[0]));
                    return ids;
                });
    }

    /** An enrolment or a started match of a person erased before it arrived. */
    @Override
    protected Set<String> subjectsIn(StoredEvent event) {
        if (event.type().equals(Contracts.APPRENTICE_ENROLLED.ceType())) {
            return texts(event, "apprenticeSubject");
        }
        return event.type().equals(Contracts.MATCH_STARTED.ceType()) ? texts(event, "apprenticeSubject", "mentorSubject") : Set.of();
    }

}
