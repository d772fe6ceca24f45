package dev.mentorship.feedback.mentorship;

import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.assessment.AssessmentCommand.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Who a caller is here: the key their own records are filed under, and the mentorship they are the apprentice of now. */
@ApplicationScoped
public class People {

    /**
     * A mentorship {@code m} whose MatchEnded is not in the local log: the read model may not have
     * applied it yet (while the projection rebuilds, say), and an ended match opens nothing again.
     */
    public static final String NOT_ENDED_IN_LOG = "not exists (select 1 from events e where e.stream_id = '/matching-service/' || m.match_id"
            + " and e.type = 'mentorship.matching.MatchEnded.v1')";

    /** The key a person's assessments are filed under, derived from their token subject. */
    public static String key(String subject) {
        return UUID.nameUUIDFromBytes(("person:" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The running mentorship of the apprentice with this subject, the latest started; null when there is none. */
    public Uni<Context> currentAsApprentice(String subject) {
        return Panache.withSession(() -> SessionSql.select("select m.match_id, m.mentor_id, m.cohort_id from mentorships m"
                + " where m.apprentice_subject = $1 and m.ended_at is null and " + NOT_ENDED_IN_LOG + " order by m.started_at desc limit 1", subject))
                .map(rows -> rows.isEmpty() ? null : new Context((String) rows.getFirst()[0], (String) rows.getFirst()[1], (String) rows.getFirst()[2]));
    }

    /** A mentorship and which side of it the caller is on; null when the mentorship is unknown. */
    public Uni<Side> side(String matchId, String subject) {
        return Panache.withSession(() -> SessionSql.select("select m.apprentice_subject, m.mentor_subject, m.cohort_id,"
                + " case when m.ended_at is null and " + NOT_ENDED_IN_LOG + " then null else coalesce(m.ended_at, now()) end, m.mentor_id, m.apprentice_id"
                + " from mentorships m where m.match_id = $1", matchId)).map(rows -> {
                    if (rows.isEmpty() || rows.getFirst()[0] == null) {
                        return null;
                    }
                    Object[] row = rows.getFirst();
                    String side = subject.equals(row[0]) ? "APPRENTICE" : subject.equals(row[1]) ? "MENTOR" : null;
                    return new Side(matchId, (String) row[2], side, row[3] != null, (String) row[4], (String) row[5]);
                });
    }

    /** The caller's side of a mentorship ("APPRENTICE", "MENTOR", or null for neither), its cohort, whether it has ended, its pair. */
    public record Side(String matchId, String cohortId, String side, boolean ended, String mentorId, String apprenticeId) {
    }
}
