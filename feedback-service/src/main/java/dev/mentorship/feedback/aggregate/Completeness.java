package dev.mentorship.feedback.aggregate;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.feedback.assessment.FeedbackProjection;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the aggregates of a closed period are complete: the {@code feedback} projection has applied
 * every event of the period, so no later reading can differ from this one by a late answer. Until
 * then (a projection catching up, or rebuilding from the start) the period is not served: 503.
 */
final class Completeness {

    /** How long after a period's end an event of it may still be committing. */
    static final Duration SETTLE = Duration.ofMinutes(5);

    private Completeness() {
    }

    /** Fails with 503 unless the projection has applied an event recorded after {@code end} plus the settling time, or all events and the time has passed. */
    static Uni<Void> require(Instant end, Clock clock) {
        Instant settled = end.plus(SETTLE);
        // Projections apply events in (transaction_id, position) order, as the kernel counts a lag: an event
        // beyond the checkpoint in that order is one not applied yet, whatever its position.
        return SessionSql.select("with c as (select coalesce((select transaction_id from projection_checkpoints where name = $1), 0) as tx,"
                + " coalesce((select position from projection_checkpoints where name = $1), 0) as done)"
                + " select not exists (select 1 from events e where (e.transaction_id, e.position) > (cast(c.tx::text as xid8), c.done)),"
                + " (select recorded_at from events where position = c.done) from c", FeedbackProjection.NAME)
                .map(rows -> {
                    Object[] row = rows.getFirst();
                    boolean caughtUp = (Boolean) row[0];
                    Instant appliedAt = Rows.asInstant(row[1]);
                    boolean complete = appliedAt != null && !appliedAt.isBefore(settled) || caughtUp && !clock.instant().isBefore(settled);
                    if (!complete) {
                        throw DomainException.notReady("The aggregates of this period are still being brought up to date; ask again shortly");
                    }
                    return rows;
                }).replaceWithVoid();
    }
}
