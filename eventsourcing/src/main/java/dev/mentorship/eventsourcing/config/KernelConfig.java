package dev.mentorship.eventsourcing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the event-sourcing kernel, under {@code mentorship.*}. */
@ConfigMapping(prefix = "mentorship")
public interface KernelConfig {

    /** The service's short name: {@code matching}, {@code progress} or {@code feedback}. */
    String service();

    Outbox outbox();

    Projections projections();

    Inbox inbox();

    Tokens tokens();

    Http http();

    Notifications notifications();

    Health health();

    Privacy privacy();

    SignIn signIn();

    interface SignIn {
        /**
         * How long an instance remembers which platform subject a sign-in subject acts as (or that it
         * acts as none) before it asks the database again; a link made on another instance takes
         * effect here within this time.
         */
        @WithDefault("5s")
        Duration linkCacheTime();
    }

    interface Privacy {
        /**
         * The key-encryption key (AES-256, base64) that wraps the per-person data keys stored in the
         * service's database. Required: a service without one refuses to start.
         */
        java.util.Optional<String> keyEncryptionKey();
    }

    interface Health {
        /** The longest a readiness probe waits for the Kafka cluster before it answers DOWN. */
        @WithDefault("2s")
        Duration kafkaTimeout();
    }

    interface Notifications {
        /**
         * Least time between the starts of two notifications that wake the relay and the projectors
         * after commits; commits in between share the next one. 0 notifies after every commit that
         * finds none in flight.
         */
        @WithDefault("10ms")
        Duration minInterval();
    }

    interface Http {
        /**
         * Whether anything under {@code /q} on the API's port (the API description, Swagger UI) needs a
         * valid bearer token, as in production; health and metrics are on the management interface.
         */
        @WithDefault("false")
        boolean nonApplicationAuthenticated();
    }

    interface Tokens {
        /**
         * Bearer tokens whose verification is remembered, so a client that sends the same token again
         * is not verified again; 0 verifies every request.
         */
        @WithDefault("1000")
        int cacheSize();

        /**
         * How long a verification is remembered at most, whatever the token's own expiry: a token
         * signed with a key the provider has since withdrawn stays accepted for up to this long.
         */
        @WithDefault("60s")
        Duration cacheTime();
    }

    interface Inbox {
        /**
         * The topics this service consumes: each publishing service's {@code mentorship.<service>.events}.
         * The kernel's channel {@code inbox} subscribes to them.
         */
        java.util.Optional<java.util.List<String>> topics();

        /**
         * The CloudEvent types this service consumes, its side of the contract. Every event of these
         * types is kept in the local log, whether or not a read model uses it yet, so a read model
         * added later can be built from the service's own database. Others on its topics are
         * acknowledged without touching the database. Unset: keep everything.
         */
        java.util.Optional<java.util.Set<String>> types();
    }

    interface Outbox {
        /** Whether this instance competes to run the relay. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500")
        int batchSize();

        /** Fallback poll when no notification arrives. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How often the relay sends rows Kafka refused (parked rows) again. */
        @WithDefault("30s")
        Duration parkedRetryInterval();

        /**
         * Whether the service creates the topics it uses where they are missing ({@code KafkaTopics}); false
         * where they are managed outside it (Strimzi's KafkaTopics, and ACLs that allow no creation).
         */
        @WithDefault("true")
        boolean createTopics();

        /** Partitions of the topics the service creates (see {@code KafkaTopics}). */
        @WithDefault("3")
        int partitions();

        /**
         * Replication factor of the topics the service creates. Unset: the cluster's own
         * {@code default.replication.factor}.
         */
        java.util.OptionalInt replicationFactor();
    }

    interface Projections {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500")
        int batchSize();

        @WithDefault("500ms")
        Duration pollInterval();

        /** Readiness turns DOWN while any projection is further behind than this many events. */
        @WithDefault("1000")
        long maxReadyLag();
    }
}
