package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.privacy.RetentionRule;
import dev.mentorship.eventsourcing.privacy.ShreddedAfter;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What HR sent about a mentor candidate (name, e-mail, job title, department, manager) is kept a
 * year after the candidate was decided on: confirmed, dismissed or gone from the company
 * ({@code mentorship.retention.mentor-candidates}). The decision itself stays, so a dismissed
 * candidate stays out. A confirmed mentor's contact details live in their own record.
 */
@ApplicationScoped
public class MentorCandidatesRetention implements RetentionRule {

    @Override
    public String dataClass() {
        return "mentor-candidates";
    }

    @Override
    public Duration defaultRetention() {
        return Duration.ofDays(365);
    }

    @Override
    public Uni<Integer> expire(Instant cutoff) {
        return SessionSql.update("update hr_mentor_candidates set name = null, email = null, job_title = null, department = null, manager_id = null "
                + "where id in (select id from hr_mentor_candidates where status <> 'PENDING' and updated_at < $1 and (name is not null "
                + "or email is not null or job_title is not null or department is not null or manager_id is not null) limit " + ShreddedAfter.BATCH + ")",
                cutoff.atOffset(ZoneOffset.UTC));
    }
}
