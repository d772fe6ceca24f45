package dev.mentorship.progress.milestone;

import dev.mentorship.eventsourcing.privacy.Personal;
import dev.mentorship.progress.curriculum.Milestone;
import java.time.Instant;
import java.util.List;

/** What happens on an apprentice's journey; links, notes and comments stay in this service, never published. */
public sealed interface MilestoneEvent {

    String apprenticeId();

    Instant at();

    /** The apprentice's first command fixes the curriculum version they follow from then on. */
    record CurriculumFollowed(String apprenticeId, int version, Instant at) implements MilestoneEvent {
    }

    /** The program office moved the apprentice to a newer version; the milestones it no longer has are dropped with their state. */
    record CurriculumMoved(String apprenticeId, Integer from, int to, List<String> dropped, Instant at) implements MilestoneEvent {
    }

    record MilestoneStarted(String apprenticeId, String milestoneId, Instant at) implements MilestoneEvent {
    }

    record EvidenceSubmitted(String apprenticeId, String milestoneId, @Personal(keyedBy = "apprenticeId") List<String> links,
            @Personal(keyedBy = "apprenticeId") String notes, Instant at) implements MilestoneEvent {
    }

    record MilestoneSignedOff(String apprenticeId, String milestoneId, String mentorId, Instant at) implements MilestoneEvent {
    }

    record MilestoneReturned(String apprenticeId, String milestoneId, String mentorId, @Personal(keyedBy = "apprenticeId") String comment,
            Instant at) implements MilestoneEvent {
    }

    record ShadowShiftLogged(String apprenticeId, String shiftId, Instant start, Instant end, int incidentsObserved,
            @Personal(keyedBy = "apprenticeId") String notes, Instant at)
            implements MilestoneEvent {
    }

    record InterviewLoopScheduled(String apprenticeId, String loopId, Instant scheduledFor, Instant at) implements MilestoneEvent {
    }

    /** A loop's outcome; a fail adds {@code remediation} to the milestones the apprentice must have signed off. */
    record InterviewLoopCompleted(String apprenticeId, String loopId, boolean passed, List<Milestone> remediation, Instant at)
            implements MilestoneEvent {
    }

    record ApprenticeGraduated(String apprenticeId, String matchId, Instant at) implements MilestoneEvent {
    }
}
