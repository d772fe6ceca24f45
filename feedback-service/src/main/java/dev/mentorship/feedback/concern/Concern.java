package dev.mentorship.feedback.concern;

import dev.mentorship.feedback.concern.ConcernEvent.ConcernRaised;
import java.time.Instant;

/** A concern as it stands: raised, acknowledged by the program office, resolved. */
public record Concern(ConcernRaised raised, Status status, Instant acknowledgedAt, Instant resolvedAt) {

    public enum Status { NONE, RAISED, ACKNOWLEDGED, RESOLVED }

    public static Concern initial() {
        return new Concern(null, Status.NONE, null, null);
    }
}
