package dev.mentorship.eventsourcing.outbox;

import dev.mentorship.eventsourcing.background.Backoff;
import dev.mentorship.eventsourcing.background.BackgroundLoop;
import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Creates the topics a service uses, so that it runs on a cluster that creates none on first use (a
 * production cluster usually has {@code auto.create.topics.enable=false}): the topic it publishes
 * to, its dead-letter topic, and the topics its channels consume, whichever service starts first.
 *
 * <p>Each is created with {@code mentorship.outbox.partitions} partitions and the cluster's own
 * {@code default.replication.factor} unless {@code mentorship.outbox.replication-factor} is set: a
 * replication factor fixed at 1 would have kept every event on one broker of a production cluster.
 * A topic that exists is left as it is. Where the service may not create topics (an ACL), they are
 * expected to exist, and a warning names them.
 *
 * <p>Every instance tries from start-up, in the background, until that is settled: a service started
 * while the broker is away creates its topics once the broker is back, whether or not it has anything
 * to publish by then (its dead-letter topic and the topics it consumes are wanted all the same).
 * After that it checks again whenever a publication fails ({@link #recheck()}), so a topic deleted
 * under a running service, or a broker that lost its data, gets its topics back.
 */
@ApplicationScoped
public class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);
    private static final String INCOMING = "mp.messaging.incoming.";
    /** Refusals that trying again does not change. */
    private static final List<Class<? extends Throwable>> FINAL = List.of(TopicAuthorizationException.class,
            ClusterAuthorizationException.class, InvalidReplicationFactorException.class, InvalidPartitionsException.class,
            InvalidConfigurationException.class, InvalidTopicException.class, PolicyViolationException.class);

    private final String service;
    private final int partitions;
    private final OptionalInt replicationFactor;
    private final SortedSet<String> consumed;
    private final Map<String, Object> kafka;
    private final BackgroundLoop loop = new BackgroundLoop("kafka-topics", this::run);
    private volatile boolean settled;
    private final AtomicBoolean due = new AtomicBoolean(true);
    private final Semaphore wake = new Semaphore(0);
    private volatile Set<String> lastRefused = Set.of();

    private final boolean creating;

    @Inject
    public KafkaTopics(KernelConfig config, Config settings, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this(config.service(), config.outbox().partitions(), config.outbox().replicationFactor(), consumedTopics(settings), kafka,
                config.outbox().createTopics());
    }

    KafkaTopics(String service, int partitions, OptionalInt replicationFactor, SortedSet<String> consumed, Map<String, Object> kafka) {
        this(service, partitions, replicationFactor, consumed, kafka, true);
    }

    KafkaTopics(String service, int partitions, OptionalInt replicationFactor, SortedSet<String> consumed, Map<String, Object> kafka,
            boolean creating) {
        this.creating = creating;
        this.service = service;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.consumed = consumed;
        this.kafka = kafka;
    }

    /** The topics the service's channels consume ({@code mp.messaging.incoming.<channel>.topic} or {@code .topics}). */
    static SortedSet<String> consumedTopics(Config settings) {
        SortedSet<String> topics = new TreeSet<>();
        for (String name : settings.getPropertyNames()) {
            if (name.startsWith(INCOMING) && (name.endsWith(".topic") || name.endsWith(".topics"))) {
                settings.getOptionalValue(name, String.class).ifPresent(value -> {
                    for (String topic : value.split(",")) {
                        if (!topic.isBlank()) {
                            topics.add(topic.strip());
                        }
                    }
                });
            }
        }
        return topics;
    }

    /** The topics this service needs, as it would create them. */
    List<NewTopic> wanted() {
        SortedSet<String> names = new TreeSet<>(consumed);
        names.add(Topics.of(service));
        names.add(Topics.deadLetter(service));
        Optional<Short> replication = replicationFactor.isPresent() ? Optional.of((short) replicationFactor.getAsInt()) : Optional.empty();
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, Optional.of(partitions), replication));
        }
        return topics;
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    /**
     * Starts trying, in the background, until every wanted topic exists or cannot be created by this
     * service; with {@code mentorship.outbox.create-topics=false} (topics managed outside, as Strimzi's
     * KafkaTopics are on Kubernetes) it does nothing and is settled.
     */
    void start() {
        if (!creating) {
            due.set(false);
            settled = true;
            LOG.infof("Kafka topics are managed outside this service (mentorship.outbox.create-topics=false); it uses %s",
                    wanted().stream().map(NewTopic::name).toList());
            return;
        }
        loop.start();
    }

    void stop() {
        loop.stop();
    }

    /** Whether every wanted topic exists, or is one this service may not or cannot create, as last checked. */
    public boolean settled() {
        return settled && !due.get();
    }

    /**
     * Checks again soon, in the background: a publication failed, and one reason is a topic deleted,
     * or a broker whose data was lost, since the last check. Cheap when nothing is missing.
     */
    public void recheck() {
        if (!creating) {
            return;
        }
        settled = false;
        due.set(true);
        wake.release();
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (loop.running()) {
            if (!due.getAndSet(false)) {
                awaitRecheck();
            } else if (ensure()) {
                settled = true;
                backoff.reset();
            } else {
                settled = false;
                due.set(true);
                backoff.pause();
            }
        }
    }

    private void awaitRecheck() {
        try {
            if (wake.tryAcquire(1, TimeUnit.SECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The service's own Kafka settings (brokers, security) with this client's name and bounded waits. */
    Map<String, Object> adminSettings() {
        Map<String, Object> settings = KafkaSettings.known(kafka, AdminClientConfig.configNames());
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "mentorship-" + service + "-topics");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return settings;
    }

    /**
     * Creates whichever of {@link #wanted()} does not exist yet. Never throws. Returns whether that
     * is settled: false while the broker cannot be reached or a creation failed in a way that may
     * pass (the caller tries again); true once each topic exists, was created, or was refused for a
     * reason that trying again does not change (an ACL, a replication factor larger than the cluster,
     * a policy), each of which is logged as a warning naming the topics.
     */
    boolean ensure() {
        try (Admin admin = Admin.create(adminSettings())) {
            List<String> created = new ArrayList<>();
            Map<String, String> refused = new TreeMap<>();
            boolean settledNow = true;
            for (var creation : admin.createTopics(wanted()).values().entrySet()) {
                try {
                    creation.getValue().get(10, TimeUnit.SECONDS);
                    created.add(creation.getKey());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof TopicExistsException) {
                        continue;
                    }
                    if (FINAL.stream().anyMatch(type -> type.isInstance(cause))) {
                        refused.put(creation.getKey(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    } else {
                        settledNow = false;
                        LOG.debugf("Topic %s not created now (%s); trying again", creation.getKey(), cause);
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.infof("Created Kafka topics %s with %d partitions", created, partitions);
            }
            // Said once per set of topics: a check follows each failed publication, and while a refused
            // topic is missing every publication to it fails.
            if (!refused.isEmpty() && !refused.keySet().equals(lastRefused)) {
                LOG.warnf("Could not create Kafka topics %s; they must exist for events to flow", refused);
            }
            lastRefused = refused.keySet();
            return settledNow;
        } catch (Exception e) {
            LOG.debugf("Topics not created now (%s); trying again", e.toString());
            return false;
        }
    }
}
