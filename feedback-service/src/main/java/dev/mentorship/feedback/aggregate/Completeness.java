package dev.mentorship.feedback.aggregate;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

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
        return SessionSql.select("with c as (select coalesce((select position from projection_checkpoints where name = 'feedback'), 0) as done)"
                + " select c.done, coalesce((select max(position) from events), 0), (select recorded_at from events where position = c.done) from c")
                .map(rows -> {
                    Object[] row = rows.getFirst();
                    long done = ((Number) row[0]).longValue();
                    long last = ((Number) row[1]).longValue();
                    Instant appliedAt = row[2] == null ? null : ((OffsetDateTime) row[2]).toInstant();
                    boolean complete = appliedAt != null && !appliedAt.isBefore(settled) || done >= last && !clock.instant().isBefore(settled);
                    if (!complete) {
                        throw DomainException.notReady("The aggregates of this period are still being brought up to date; ask again shortly");
                    }
                    return rows;
                }).replaceWithVoid();
    }
}
