package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.privacy.RetentionRule;
import dev.mentorship.eventsourcing.privacy.ShreddedAfter;
import dev.mentorship.eventsourcing.store.SessionSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** What HR tools sent (bodies and headers of webhook deliveries, worked out), 90 days after receipt. */
@ApplicationScoped
public class HrWebhookBodiesRetention implements RetentionRule {

    @Override
    public String dataClass() {
        return "hr-webhook-bodies";
    }

    @Override
    public Duration defaultRetention() {
        return Duration.ofDays(90);
    }

    @Override
    public Uni<Integer> expire(Instant cutoff) {
        return SessionSql.update("update hr_deliveries set body = '{}', headers = '{}', last_error = null where (source, delivery_id) in (select source, "
                + "delivery_id from hr_deliveries where received_at < $1 and body <> '{}' and status not in ('RECEIVED', 'RETRYING', "
                + "'PROCESSING') limit " + ShreddedAfter.BATCH + ")", cutoff.atOffset(ZoneOffset.UTC));
    }
}
