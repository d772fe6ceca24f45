package dev.mentorship.progress.milestone;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An apprentice's milestones: the curriculum version they follow and each milestone they have touched. */
public record Milestones(String apprenticeId, Integer curriculumVersion, Map<String, Entry> entries) {

    public enum Status { NOT_STARTED, IN_PROGRESS, EVIDENCE_SUBMITTED, SIGNED_OFF }

    /** One milestone's state; {@code returnComment} is the mentor's last word when they returned it. */
    public record Entry(Status status, List<String> links, String notes, String returnComment, Instant updatedAt) {
    }

    public static Milestones initial() {
        return new Milestones(null, null, Map.of());
    }

    public Status status(String milestoneId) {
        Entry entry = entries.get(milestoneId);
        return entry == null ? Status.NOT_STARTED : entry.status();
    }

    Milestones following(String apprenticeId, int version) {
        return new Milestones(apprenticeId, version, entries);
    }

    Milestones with(String milestoneId, Entry entry) {
        Map<String, Entry> all = new LinkedHashMap<>(entries);
        all.put(milestoneId, entry);
        return new Milestones(apprenticeId, curriculumVersion, Map.copyOf(all));
    }
}
