package dev.mentorship.feedback.mentorship;

import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.MatchEnded;
import dev.mentorship.events.matching.MatchStarted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/**
 * The started mentorships and when each ended. A match's events share its key, so they arrive in
 * order; a rebuild or a replay under a new id may bring them again, and neither undoes an end.
 */
@ApplicationScoped
public class MentorshipProjection implements Projection {

    public static final String NAME = "mentorships";

    private final Payloads payloads;

    public MentorshipProjection(Payloads payloads) {
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (event.type().equals(Contracts.MATCH_STARTED.ceType())) {
            MatchStarted started = payloads.read(event, MatchStarted.class);
            return SessionSql.update("insert into mentorships (match_id, mentor_id, apprentice_id, mentor_subject, apprentice_subject, cohort_id,"
                    + " started_at) values ($1, $2, $3, $4, $5, $6, $7) on conflict (match_id) do update set mentor_id = excluded.mentor_id,"
                    + " apprentice_id = excluded.apprentice_id, mentor_subject = excluded.mentor_subject,"
                    + " apprentice_subject = excluded.apprentice_subject, cohort_id = excluded.cohort_id, started_at = excluded.started_at",
                    started.matchId(), started.mentorId(), started.apprenticeId(), started.mentorSubject(), started.apprenticeSubject(),
                    started.cohortId(), started.startedAt().atOffset(ZoneOffset.UTC)).replaceWithVoid();
        }
        if (event.type().equals(Contracts.MATCH_ENDED.ceType())) {
            MatchEnded ended = payloads.read(event, MatchEnded.class);
            return SessionSql.update("insert into mentorships (match_id, mentor_id, apprentice_id, ended_at) values ($1, $2, $3, $4)"
                    + " on conflict (match_id) do update set ended_at = coalesce(mentorships.ended_at, excluded.ended_at)",
                    ended.matchId(), ended.mentorId(), ended.apprenticeId(), ended.endedAt().atOffset(ZoneOffset.UTC)).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> reset() {
        return SessionSql.update("delete from mentorships").replaceWithVoid();
    }
}
