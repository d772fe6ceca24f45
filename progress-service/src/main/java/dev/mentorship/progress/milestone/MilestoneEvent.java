package dev.mentorship.progress.milestone;

import java.time.Instant;
import java.util.List;

/** What happens to an apprentice's milestones; links, notes and comments stay in this service, never published. */
public sealed interface MilestoneEvent {

    String apprenticeId();

    /** The apprentice's first milestone command fixes the curriculum version they follow from then on. */
    record CurriculumFollowed(String apprenticeId, int version, Instant at) implements MilestoneEvent {
    }

    record MilestoneStarted(String apprenticeId, String milestoneId, Instant at) implements MilestoneEvent {
    }

    record EvidenceSubmitted(String apprenticeId, String milestoneId, List<String> links, String notes, Instant at) implements MilestoneEvent {
    }

    record MilestoneSignedOff(String apprenticeId, String milestoneId, String mentorId, Instant at) implements MilestoneEvent {
    }

    record MilestoneReturned(String apprenticeId, String milestoneId, String mentorId, String comment, Instant at) implements MilestoneEvent {
    }
}
