package dev.mentorship.progress.curriculum;

/**
 * One thing an apprentice does and their mentor signs off.
 *
 * @param id           stable across versions: what is signed off under it carries over to a version that keeps it
 * @param required     whether graduation needs it; elective ones count toward their mode's progress only
 * @param evidence     what the mentor expects to see before signing off
 * @param shadowShifts for a shadowing milestone, how many logged on-call shadow shifts it takes; null otherwise
 */
public record Milestone(String id, Mode mode, String title, String description, boolean required, String evidence,
        Integer shadowShifts) {
}
