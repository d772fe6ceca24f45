package dev.mentorship.progress.curriculum;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.curriculum.CurriculumCommand.PublishCurriculum;
import dev.mentorship.progress.curriculum.CurriculumEvent.CurriculumPublished;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The milestone catalogue. A publication is checked as a whole (ids unique and well formed, every
 * field a milestone needs, shadow-shift counts only on shadowing milestones, at least one required
 * milestone) and becomes the next version; publishing what is current already changes nothing.
 */
public final class CurriculumDecider implements Decider<CurriculumCommand, CurriculumEvent, Curriculum> {

    static final int MAX_MILESTONES = 200;
    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Override
    public Curriculum initialState() {
        return Curriculum.initial();
    }

    @Override
    public Curriculum evolve(Curriculum state, CurriculumEvent event) {
        return switch (event) {
            case CurriculumPublished published -> state.with(new Curriculum.Version(published.version(), published.milestones(),
                    published.publishedBy(), published.publishedAt()));
        };
    }

    @Override
    public List<CurriculumEvent> decide(CurriculumCommand command, Curriculum state) {
        return switch (command) {
            case PublishCurriculum publish -> {
                List<Milestone> milestones = checked(publish.milestones());
                if (state.current().map(current -> current.milestones().equals(milestones)).orElse(false)) {
                    yield List.of();
                }
                int version = state.current().map(current -> current.version() + 1).orElse(1);
                yield List.of(new CurriculumPublished(version, milestones, publish.publishedBy(), publish.now()));
            }
        };
    }

    private static List<Milestone> checked(List<Milestone> milestones) {
        if (milestones == null || milestones.isEmpty()) {
            throw DomainException.invalidInput("A curriculum needs at least one milestone");
        }
        if (milestones.size() > MAX_MILESTONES) {
            throw DomainException.invalidInput("A curriculum has at most " + MAX_MILESTONES + " milestones; this one has " + milestones.size());
        }
        Set<String> ids = new HashSet<>();
        for (Milestone milestone : milestones) {
            if (milestone == null || milestone.id() == null || !ID.matcher(milestone.id()).matches() || milestone.id().length() > 64) {
                throw DomainException.invalidInput("A milestone id is 1-64 lower-case letters, digits and inner hyphens, such as "
                        + "\"shadow-on-call\"; got " + (milestone == null ? null : milestone.id()));
            }
            if (!ids.add(milestone.id())) {
                throw DomainException.invalidInput("Milestone " + milestone.id() + " appears twice");
            }
            if (milestone.mode() == null) {
                throw DomainException.invalidInput("Milestone " + milestone.id() + " needs a mode: TRAINING, SHADOWING, PRACTICE or COMMUNITY");
            }
            if (blank(milestone.title()) || blank(milestone.description()) || blank(milestone.evidence())) {
                throw DomainException.invalidInput("Milestone " + milestone.id() + " needs a title, a description and the evidence expected");
            }
            if (milestone.shadowShifts() != null && (milestone.mode() != Mode.SHADOWING || milestone.shadowShifts() < 1)) {
                throw DomainException.invalidInput("Milestone " + milestone.id()
                        + ": shadowShifts is a positive number of shifts, on a SHADOWING milestone only");
            }
        }
        if (milestones.stream().noneMatch(Milestone::required)) {
            throw DomainException.invalidInput("A curriculum needs at least one required milestone: graduation is signing off every one");
        }
        return List.copyOf(milestones);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
