package dev.mentorship.progress.privacy;

import dev.mentorship.eventsourcing.privacy.DataKeys;
import dev.mentorship.eventsourcing.privacy.RetentionRule;
import dev.mentorship.eventsourcing.privacy.ShreddedAfter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Check-in topics and notes are kept 24 months after their match ended ({@code mentorship.retention.check-in-notes}). */
@ApplicationScoped
public class CheckInNotesRetention implements RetentionRule {

    private final DataKeys keys;

    public CheckInNotesRetention(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public String dataClass() {
        return "check-in-notes";
    }

    @Override
    public Duration defaultRetention() {
        return Duration.ofDays(730);
    }

    @Override
    public Uni<Integer> expire(Instant cutoff) {
        return ShreddedAfter.erase(keys, ShreddedAfter.MATCHES_ENDED, cutoff);
    }
}
