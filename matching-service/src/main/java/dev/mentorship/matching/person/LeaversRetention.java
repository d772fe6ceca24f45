package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.privacy.DataKeys;
import dev.mentorship.eventsourcing.privacy.RetentionRule;
import dev.mentorship.eventsourcing.privacy.ShreddedAfter;
import dev.mentorship.eventsourcing.projection.ProjectionRunner;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.matching.directory.DirectoryProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * People who left the program (apprentices withdrawn or graduated, mentors offboarded) are kept 24
 * months after they left ({@code mentorship.retention.leavers}): then their contact details are
 * deleted (and the SCIM user an identity provider provisioned for them taken down to its id), and what the log holds under their apprentice or mentor key (withdrawal reason, manager)
 * is shredded and taken out of the directory. Their records, matches and figures stay, anonymously.
 */
@ApplicationScoped
public class LeaversRetention implements RetentionRule {

    private static final String LEFT = "select coalesce(payload->>'apprenticeId', payload->>'mentorId') from events "
            + "where type in ('ApprenticeWithdrawn', 'ApprenticeGraduated', 'MentorOffboarded') and recorded_at < $1";

    private final DataKeys keys;
    private final ProjectionRunner projections;

    public LeaversRetention(DataKeys keys, ProjectionRunner projections) {
        this.keys = keys;
        this.projections = projections;
    }

    @Override
    public String dataClass() {
        return "leavers";
    }

    @Override
    public Duration defaultRetention() {
        return Duration.ofDays(730);
    }

    /** A batch of keys, then of contact details, then of SCIM users, then the directory's managers; 0 once none is left. */
    @Override
    public Uni<Integer> expire(Instant cutoff) {
        OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
        return ShreddedAfter.erase(keys, LEFT, cutoff)
                .chain(done -> done > 0 ? Uni.createFrom().item(done) : SessionSql.update("delete from people where id in "
                        + "(select id from people where id::text in (" + LEFT + ") limit " + ShreddedAfter.BATCH + ")", before))
                // What an identity provider provisioned about them, down to the id.
                .chain(done -> done > 0 ? Uni.createFrom().item(done) : SessionSql.update(ScimStrip.SQL + " where user_name <> id::text and id::text in "
                        + "(select employee_id from hr_people where source = 'scim' and person_id in (" + LEFT + "))", before))
                // A step of the directory that read the managers before the keys went must not write them back.
                .chain(done -> done > 0 ? Uni.createFrom().item(done) : projections.holdOff(DirectoryProjection.NAME)
                        .chain(() -> SessionSql.update("update apprentice_directory set manager_id = null where manager_id is not null "
                                + "and apprentice_id in (" + LEFT + ")", before))
                        .chain(apprentices -> SessionSql.update("update mentor_directory set manager_id = null where manager_id is not null "
                                + "and mentor_id in (" + LEFT + ")", before).map(mentors -> apprentices + mentors)));
    }
}
