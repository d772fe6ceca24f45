package dev.mentorship.eventsourcing.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * What happens to one erasure request (stream {@code erasure-<erasureId>}). The subject is the
 * person's pseudonymous OIDC subject, never a name or an address; what each service erased is
 * counted, never listed.
 */
public sealed interface ErasureEvent {

    String erasureId();

    /** An administrator asked for everything about {@code subject} to be erased. */
    record ErasureRequested(String erasureId, String subject, String requestedBy, Instant at) implements ErasureEvent {
    }

    /** {@code service} erased what it held about the person: {@code erased} counts it by kind. */
    record ErasureConfirmed(String erasureId, String service, String subject, Map<String, Integer> erased, Instant at) implements ErasureEvent {
    }
}
