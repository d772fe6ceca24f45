package dev.mentorship.feedback.due;

import java.time.Instant;

public sealed interface DueEvent {

    /** Period {@code period} after the match's start has come: its apprentice is due a self-assessment. */
    record AssessmentDue(String matchId, String apprenticeId, String mentorId, int period, Instant dueAt, Instant at) implements DueEvent {
    }
}
