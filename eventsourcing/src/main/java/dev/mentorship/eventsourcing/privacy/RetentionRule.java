package dev.mentorship.eventsourcing.privacy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;

/**
 * A class of personal data kept for a time, then shredded (its data keys erased) or deleted by the
 * {@link RetentionJob}. How long is {@code mentorship.retention.<data class>} (an ISO-8601 duration
 * such as {@code P730D}), or the rule's default.
 */
public interface RetentionRule {

    /** The data class's name, as its setting names it: {@code check-in-notes}, {@code access-log}, ... */
    String dataClass();

    /** How long the class is kept unless the configuration says otherwise. */
    Duration defaultRetention();

    /**
     * Shreds or deletes a batch of what passed {@code cutoff} (now minus the retention), on the job's
     * transaction; returns how many things it acted on, 0 once nothing is left.
     */
    Uni<Integer> expire(Instant cutoff);
}
