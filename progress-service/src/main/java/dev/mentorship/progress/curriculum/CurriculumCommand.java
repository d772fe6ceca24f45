package dev.mentorship.progress.curriculum;

import java.time.Instant;
import java.util.List;

public sealed interface CurriculumCommand {

    record PublishCurriculum(List<Milestone> milestones, String publishedBy, Instant now) implements CurriculumCommand {
    }
}
