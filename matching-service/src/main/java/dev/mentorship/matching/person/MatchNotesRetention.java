package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.privacy.DataKeys;
import dev.mentorship.eventsourcing.privacy.RetentionRule;
import dev.mentorship.eventsourcing.privacy.ShreddedAfter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Decline reasons, end and review notes of a match, 24 months after it ended or was declined. */
@ApplicationScoped
public class MatchNotesRetention implements RetentionRule {

    private final DataKeys keys;

    public MatchNotesRetention(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public String dataClass() {
        return "match-notes";
    }

    @Override
    public Duration defaultRetention() {
        return Duration.ofDays(730);
    }

    @Override
    public Uni<Integer> expire(Instant cutoff) {
        return ShreddedAfter.erase(keys, "select payload->>'matchId' from events where type in ('MatchDeclined', 'MatchEnded') "
                + "and recorded_at < $1", cutoff);
    }
}
