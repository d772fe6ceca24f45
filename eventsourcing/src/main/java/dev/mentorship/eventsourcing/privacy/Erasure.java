package dev.mentorship.eventsourcing.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * An erasure as its stream tells it: who asked, when, and each service's confirmation. A service
 * that is not (yet) asked keeps only confirmations ({@code subject} comes with them).
 */
public record Erasure(String erasureId, String subject, String requestedBy, Instant requestedAt, Map<String, Confirmation> confirmations) {

    public static final Erasure NONE = new Erasure(null, null, null, null, Map.of());

    public record Confirmation(Map<String, Integer> erased, Instant at) {
    }

    public boolean requested() {
        return requestedAt != null;
    }
}
