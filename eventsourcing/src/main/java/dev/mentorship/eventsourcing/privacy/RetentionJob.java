package dev.mentorship.eventsourcing.privacy;

import dev.mentorship.eventsourcing.background.LeasedJob;
import dev.mentorship.eventsourcing.reactive.InOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The retention job: a minute after the start ({@code mentorship.retention.first-sweep-after}), then
 * every {@code mentorship.retention.sweep-every} (an hour), the one instance that
 * holds its lease asks each {@link RetentionRule} of the service to shred or delete what is past its
 * time, one transaction per rule and batch, until nothing is left.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final String NAME = "retention";

    private final List<RetentionRule> rules;
    private final Map<String, Duration> retention = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration every;
    private final boolean enabled;
    private final LeasedJob job;

    public RetentionJob(Instance<RetentionRule> rules, Config config, Clock clock,
            @ConfigProperty(name = "mentorship.retention.sweep-every", defaultValue = "PT1H") Duration every,
            @ConfigProperty(name = "mentorship.retention.sweep-enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "mentorship.retention.first-sweep-after", defaultValue = "PT1M") Duration firstAfter) {
        this.rules = rules.stream().sorted(Comparator.comparing(RetentionRule::dataClass)).toList();
        for (RetentionRule rule : this.rules) {
            Duration kept = config.getOptionalValue("mentorship.retention." + rule.dataClass(), Duration.class).orElse(rule.defaultRetention());
            if (kept.isNegative() || kept.isZero()) {
                throw new IllegalStateException("mentorship.retention." + rule.dataClass() + " must be a positive duration, not " + kept);
            }
            retention.put(rule.dataClass(), kept);
        }
        this.clock = clock;
        this.every = every;
        this.enabled = enabled;
        // The first sweep a minute after the start, not an hour: a service restarted more often than hourly still sweeps.
        this.job = new LeasedJob(NAME, every, firstAfter, () -> sweep(clock.instant()).map(done -> done.values().stream().mapToInt(Integer::intValue).sum()));
    }

    void start(@Observes StartupEvent event) {
        if (enabled && !rules.isEmpty()) {
            job.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        job.stop();
    }

    /** One sweep at {@code now} as this instance: what each data class had expire, nothing while another instance holds the lease. */
    public Uni<Map<String, Integer>> sweep(Instant now) {
        return sweep(now, LeasedJob.INSTANCE);
    }

    /** One sweep at {@code now} as the instance {@code holder}: empty while another instance holds the lease. */
    public Uni<Map<String, Integer>> sweep(Instant now, String holder) {
        return Panache.withSession(() -> LeasedJob.lease(NAME, holder, every)).chain(leased -> {
            Map<String, Integer> done = new LinkedHashMap<>();
            if (!leased) {
                return Uni.createFrom().item(done);
            }
            return InOrder.each(rules, rule -> drain(rule, now.minus(retention.get(rule.dataClass())), 0)
                    .invoke(count -> done.put(rule.dataClass(), count))).map(ignored -> {
                if (done.values().stream().anyMatch(count -> count > 0)) {
                    LOG.infof("Retention: %s past their time shredded or deleted", done);
                }
                return done;
            });
        });
    }

    private static Uni<Integer> drain(RetentionRule rule, Instant cutoff, int sofar) {
        return Panache.withTransaction(() -> rule.expire(cutoff))
                .chain(count -> count == 0 ? Uni.createFrom().item(sofar) : drain(rule, cutoff, sofar + count));
    }
}
