package dev.mentorship.feedback.privacy;

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
import dev.mentorship.feedback.mentorship.People;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * feedback-service's part of an erasure. Its personal fields are the raw answers of each assessment
 * (keyed by the assessment) and the notes of ratings (keyed by the match): erasing the keys of the
 * person's assessments and of every match they were in leaves them reading as erased. Scores stay:
 * the aggregates keep counting the person under the pseudonymous key they always used, and no
 * read model holds a name, an address, an answer or a note.
 */
@Singleton
public class FeedbackErasure extends ErasurePolicy {

    public FeedbackErasure(CommandHandler commands, Aggregate<ErasureCommand, ErasureEvent, Erasure> erasures, DataKeys keys, Payloads payloads,
            Clock clock) {
        super("feedback", commands, erasures, keys, payloads, clock);
    }

    @Override
    protected Uni<Set<String>> keyIds(String subject) {
        return SessionSql.select("select payload->>'assessmentId' from events where stream_id = $2 and type = 'AssessmentSubmitted' "
                        + "union select payload->>'matchId' from events where type = $3 "
                        + "and (payload->>'apprenticeSubject' = $1 or payload->>'mentorSubject' = $1)",
                        subject, "safety-" + People.key(subject), Contracts.MATCH_STARTED.ceType())
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(row -> ids.add((String) row[0]));
                    return ids;
                });
    }

    /** A started match of a person erased before it arrived. */
    @Override
    protected Set<String> subjectsIn(StoredEvent event) {
        return event.type().equals(Contracts.MATCH_STARTED.ceType()) ? texts(event, "apprenticeSubject", "mentorSubject") : Set.of();
    }

}
