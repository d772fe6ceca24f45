package dev.mentorship.progress.privacy;

import dev.mentorship.eventsourcing.privacy.DataKeys;
import dev.mentorship.eventsourcing.privacy.RetentionRule;
import dev.mentorship.eventsourcing.privacy.ShreddedAfter;
import dev.mentorship.events.Contracts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * What an apprentice's journey holds under their own key (evidence links and notes, mentors' comments,
 * shadow-shift notes) is kept 24 months after they left the program, graduated or withdrawn
 * ({@code mentorship.retention.apprentice-records}). Their milestones and figures stay.
 */
@ApplicationScoped
public class ApprenticeRecordsRetention implements RetentionRule {

    private final DataKeys keys;

    public ApprenticeRecordsRetention(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public String dataClass() {
        return "apprentice-records";
    }

    @Override
    public Duration defaultRetention() {
        return Duration.ofDays(730);
    }

    @Override
    public Uni<Integer> expire(Instant cutoff) {
        return ShreddedAfter.erase(keys, "select payload->>'apprenticeId' from events where type in ('ApprenticeGraduated', '"
                + Contracts.APPRENTICE_WITHDRAWN.ceType() + "') and recorded_at < $1", cutoff);
    }
}
