package dev.mentorship.progress.milestone;

import dev.mentorship.progress.curriculum.Milestone;
import java.time.Instant;
import java.util.List;

/**
 * Commands on an apprentice's journey: their milestones, shadowed on-call shifts, curriculum version
 * and interview loops. Each carries who sends it, as the apprentice's record says ({@link Party}), and
 * the catalogue the apprentice follows (or the current one, while they follow none yet).
 */
public sealed interface MilestoneCommand {

    String apprenticeId();

    Party party();

    Catalogue catalogue();

    Instant now();

    /** A command on one milestone of the catalogue followed, or of the apprentice's remediation milestones. */
    sealed interface OnMilestone extends MilestoneCommand {

        String milestoneId();
    }

    /** A curriculum version and its milestones. */
    record Catalogue(int version, List<Milestone> milestones) {
    }

    /** The caller as the apprentice's record sees them: the apprentice, their current mentor (with the mentor's id), the program office, or none of them. */
    record Party(Relation relation, String mentorId) {

        public enum Relation { APPRENTICE, CURRENT_MENTOR, PROGRAM_OFFICE, OTHER }

        public static Party apprentice() {
            return new Party(Relation.APPRENTICE, null);
        }

        public static Party currentMentor(String mentorId) {
            return new Party(Relation.CURRENT_MENTOR, mentorId);
        }

        public static Party programOffice() {
            return new Party(Relation.PROGRAM_OFFICE, null);
        }

        public static Party other() {
            return new Party(Relation.OTHER, null);
        }
    }

    record Start(String apprenticeId, String milestoneId, Party party, Catalogue catalogue, Instant now) implements OnMilestone {
    }

    record SubmitEvidence(String apprenticeId, String milestoneId, List<String> links, String notes, Party party, Catalogue catalogue,
            Instant now) implements OnMilestone {
    }

    record SignOff(String apprenticeId, String milestoneId, Party party, Catalogue catalogue, Instant now) implements OnMilestone {
    }

    record Return(String apprenticeId, String milestoneId, String comment, Party party, Catalogue catalogue, Instant now)
            implements OnMilestone {
    }

    /** The apprentice logs an on-call shift they shadowed; {@code shiftId} is derived from the Idempotency-Key when one is sent. */
    record LogShadowShift(String apprenticeId, String shiftId, Instant start, Instant end, int incidentsObserved, String notes, Party party,
            Catalogue catalogue, Instant now) implements MilestoneCommand {
    }

    /** The program office moves the apprentice to a newer curriculum version. */
    record MoveCurriculum(String apprenticeId, Catalogue target, Party party, Catalogue catalogue, Instant now) implements MilestoneCommand {
    }

    record ScheduleInterviewLoop(String apprenticeId, String loopId, Instant scheduledFor, Party party, Catalogue catalogue, Instant now)
            implements MilestoneCommand {
    }

    /**
     * The outcome of a loop. A pass graduates the apprentice from {@code matchId}, their current match (or
     * their latest one); a fail names the remediation milestones they complete before another loop.
     */
    record RecordOutcome(String apprenticeId, String loopId, boolean passed, List<Milestone> remediation, String matchId, Party party,
            Catalogue catalogue, Instant now) implements MilestoneCommand {
    }
}
