package dev.mentorship.eventsourcing.outbox;

import dev.mentorship.eventsourcing.config.KernelConfig;
import dev.mentorship.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 */
@ApplicationScoped
public class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);
    private static final String INCOMING = "mp.messaging.incoming.";

    private final String service;
    private final int partitions;
    private final OptionalInt replicationFactor;
    private final SortedSet<String> consumed;
    private final String bootstrapServers;

    @Inject
    public KafkaTopics(KernelConfig config, Config settings, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this(config.service(), config.outbox().partitions(), config.outbox().replicationFactor(), consumedTopics(settings), bootstrapServers);
    }

    KafkaTopics(String service, int partitions, OptionalInt replicationFactor, SortedSet<String> consumed, String bootstrapServers) {
        this.service = service;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.consumed = consumed;
        this.bootstrapServers = bootstrapServers;
    }

    /** The topics the service's channels consume ({@code mp.messaging.incoming.<channel>.topic}). */
    static SortedSet<String> consumedTopics(Config settings) {
        SortedSet<String> topics = new TreeSet<>();
        for (String name : settings.getPropertyNames()) {
            if (name.startsWith(INCOMING) && name.endsWith(".topic")) {
                settings.getOptionalValue(name, String.class).ifPresent(topics::add);
            }
        }
        return topics;
    }

    /** The topics this service needs, as it would create them. */
    public List<NewTopic> wanted() {
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

    /**
     * Creates whichever of {@link #wanted()} does not exist yet. Never throws: with the broker away the
     * relay retries (and calls this again) once it is back.
     */
    public void ensure() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("request.timeout.ms", 5_000);
        settings.put("default.api.timeout.ms", 5_000);
        try (Admin admin = Admin.create(settings)) {
            List<String> refused = new ArrayList<>();
            for (var created : admin.createTopics(wanted()).values().entrySet()) {
                try {
                    created.getValue().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException || e.getCause() instanceof ClusterAuthorizationException) {
                        refused.add(created.getKey());
                    } else if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.debugf("Topic %s not created now (%s); retried when the relay reconnects", created.getKey(), e.getCause());
                    }
                }
            }
            if (!refused.isEmpty()) {
                LOG.warnf("Not allowed to create topics %s; they must exist for events to flow", refused);
            }
        } catch (Exception e) {
            LOG.debugf("Topics not created now (%s); retried when the relay reconnects", e.toString());
        }
    }
}
