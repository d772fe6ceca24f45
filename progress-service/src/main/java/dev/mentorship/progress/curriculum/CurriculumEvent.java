package dev.mentorship.progress.curriculum;

import java.time.Instant;
import java.util.List;

public sealed interface CurriculumEvent {

    /** Version {@code version} of the catalogue, in full; apprentices who start from now on follow it. */
    record CurriculumPublished(int version, List<Milestone> milestones, String publishedBy, Instant publishedAt) implements CurriculumEvent {
    }
}
