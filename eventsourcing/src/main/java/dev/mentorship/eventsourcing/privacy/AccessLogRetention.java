package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.store.SessionSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The access log is kept 24 months ({@code mentorship.retention.access-log}). */
@ApplicationScoped
public class AccessLogRetention implements RetentionRule {

    @Override
    public String dataClass() {
        return "access-log";
    }

    @Override
    public Duration defaultRetention() {
        return Duration.ofDays(730);
    }

    @Override
    public Uni<Integer> expire(Instant cutoff) {
        return SessionSql.update("delete from access_log where id in (select id from access_log where at < $1 limit " + ShreddedAfter.BATCH + ")",
                cutoff.atOffset(ZoneOffset.UTC));
    }
}
