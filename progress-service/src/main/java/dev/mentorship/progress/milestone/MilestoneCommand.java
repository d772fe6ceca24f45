package dev.mentorship.progress.milestone;

import dev.mentorship.progress.curriculum.Milestone;
import java.time.Instant;
import java.util.List;

/**
 * Commands on an apprentice's milestones. Each carries who sends it, as the apprentice's record says
 * ({@link Party}), and the catalogue the apprentice follows (or the current one, for a first command).
 */
public sealed interface MilestoneCommand {

    String apprenticeId();

    String milestoneId();

    Party party();

    Catalogue catalogue();

    Instant now();

    /** A curriculum version and its milestones. */
    record Catalogue(int version, List<Milestone> milestones) {
    }

    /** The caller as the apprentice's record sees them: the apprentice, their current mentor (with the mentor's id), or neither. */
    record Party(Relation relation, String mentorId) {

        public enum Relation { APPRENTICE, CURRENT_MENTOR, OTHER }

        public static Party apprentice() {
            return new Party(Relation.APPRENTICE, null);
        }

        public static Party currentMentor(String mentorId) {
            return new Party(Relation.CURRENT_MENTOR, mentorId);
        }

        public static Party other() {
            return new Party(Relation.OTHER, null);
        }
    }

    record Start(String apprenticeId, String milestoneId, Party party, Catalogue catalogue, Instant now) implements MilestoneCommand {
    }

    record SubmitEvidence(String apprenticeId, String milestoneId, List<String> links, String notes, Party party, Catalogue catalogue,
            Instant now) implements MilestoneCommand {
    }

    record SignOff(String apprenticeId, String milestoneId, Party party, Catalogue catalogue, Instant now) implements MilestoneCommand {
    }

    record Return(String apprenticeId, String milestoneId, String comment, Party party, Catalogue catalogue, Instant now)
            implements MilestoneCommand {
    }
}
