package dev.mentorship.eventsourcing.privacy;

import java.time.Instant;
import java.util.Map;

public sealed interface ErasureCommand {

    record RequestErasure(String erasureId, String subject, String requestedBy, Instant at) implements ErasureCommand {
    }

    record ConfirmErasure(String erasureId, String service, String subject, Map<String, Integer> erased, Instant at) implements ErasureCommand {
    }
}
