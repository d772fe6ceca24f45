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

    /** The key a person's assessments are filed under, derived from their token subject. */
    public static String key(String subject) {
        return UUID.nameUUIDFromBytes(("person:" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The running mentorship of the apprentice with this subject, the latest started; null when there is none. */
    public Uni<Context> currentAsApprentice(String subject) {
        return Panache.withSession(() -> SessionSql.select("select match_id, mentor_id, cohort_id from mentorships"
                + " where apprentice_subject = $1 and ended_at is null order by started_at desc limit 1", subject))
                .map(rows -> rows.isEmpty() ? null : new Context((String) rows.getFirst()[0], (String) rows.getFirst()[1], (String) rows.getFirst()[2]));
    }

    /** A mentorship and which side of it the caller is on; null when the mentorship is unknown. */
    public Uni<Side> side(String matchId, String subject) {
        return Panache.withSession(() -> SessionSql.select("select apprentice_subject, mentor_subject, cohort_id, ended_at, mentor_id, apprentice_id"
                + " from mentorships where match_id = $1", matchId)).map(rows -> {
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
