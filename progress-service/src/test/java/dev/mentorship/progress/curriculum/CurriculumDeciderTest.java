package dev.mentorship.progress.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.curriculum.CurriculumCommand.PublishCurriculum;
import dev.mentorship.progress.curriculum.CurriculumEvent.CurriculumPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurriculumDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private final CurriculumDecider decider = new CurriculumDecider();

    @Test
    void the_first_publication_is_version_one_and_each_later_one_the_next() {
        List<CurriculumEvent> first = decider.decide(publish(milestone("trace-the-failing-endpoint", Mode.TRAINING, true)), decider.initialState());
        assertThat(first).singleElement().isInstanceOfSatisfying(CurriculumPublished.class, published -> {
            assertThat(published.version()).isEqualTo(1);
            assertThat(published.publishedBy()).isEqualTo("office-1");
            assertThat(published.publishedAt()).isEqualTo(NOW);
        });
        Curriculum one = decider.fold(first);

        List<CurriculumEvent> second = decider.decide(publish(milestone("trace-the-failing-endpoint", Mode.TRAINING, true),
                milestone("study-hall", Mode.COMMUNITY, false)), one);
        Curriculum two = decider.fold(concat(first, second));

        assertThat(two.current()).get().extracting(Curriculum.Version::version).isEqualTo(2);
        assertThat(two.version(1)).get().extracting(version -> version.milestones().size()).isEqualTo(1);
        assertThat(two.version(2)).get().extracting(version -> version.milestones().size()).isEqualTo(2);
    }

    @Test
    void publishing_what_is_current_changes_nothing() {
        PublishCurriculum same = publish(milestone("lunch-and-learn", Mode.COMMUNITY, true));
        Curriculum one = decider.fold(decider.decide(same, decider.initialState()));

        assertThat(decider.decide(same, one)).isEmpty();
    }

    @Test
    void ids_must_be_unique_and_well_formed() {
        assertInvalid(publish(milestone("study-hall", Mode.COMMUNITY, true), milestone("study-hall", Mode.PRACTICE, true)), "twice");
        assertInvalid(publish(milestone("Study Hall", Mode.COMMUNITY, true)), "lower-case");
        assertInvalid(publish(milestone("-hall", Mode.COMMUNITY, true)), "lower-case");
        assertInvalid(publish(milestone("x".repeat(65), Mode.COMMUNITY, true)), "lower-case");
    }

    @Test
    void every_milestone_needs_a_mode_a_title_a_description_and_the_evidence_expected() {
        assertInvalid(publish(new Milestone("a", null, "t", "d", true, "e", null)), "mode");
        assertInvalid(publish(new Milestone("a", Mode.TRAINING, " ", "d", true, "e", null)), "title");
        assertInvalid(publish(new Milestone("a", Mode.TRAINING, "t", null, true, "e", null)), "description");
        assertInvalid(publish(new Milestone("a", Mode.TRAINING, "t", "d", true, "", null)), "evidence");
    }

    @Test
    void shadow_shifts_are_counted_on_shadowing_milestones_only_and_are_positive() {
        assertInvalid(publish(new Milestone("a", Mode.PRACTICE, "t", "d", true, "e", 4)), "SHADOWING");
        assertInvalid(publish(new Milestone("a", Mode.SHADOWING, "t", "d", true, "e", 0)), "positive");
        assertThat(decider.decide(publish(new Milestone("a", Mode.SHADOWING, "t", "d", true, "e", 4)), decider.initialState())).hasSize(1);
    }

    @Test
    void a_curriculum_has_a_required_milestone_and_neither_none_nor_too_many() {
        assertInvalid(publish(milestone("study-hall", Mode.COMMUNITY, false)), "required");
        assertInvalid(new PublishCurriculum(List.of(), "office-1", NOW), "at least one milestone");
        assertInvalid(new PublishCurriculum(null, "office-1", NOW), "at least one milestone");
        List<Milestone> many = new ArrayList<>();
        for (int i = 0; i <= CurriculumDecider.MAX_MILESTONES; i++) {
            many.add(milestone("m-" + i, Mode.PRACTICE, true));
        }
        assertInvalid(new PublishCurriculum(many, "office-1", NOW), "at most");
    }

    @Test
    void the_shipped_catalogue_is_a_valid_curriculum_with_all_four_ways_of_learning() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var in = getClass().getClassLoader().getResourceAsStream(Curricula.SHIPPED)) {
            List<Milestone> shipped = List.of(json.treeToValue(json.readTree(in).get("milestones"), Milestone[].class));
            List<CurriculumEvent> events = decider.decide(new PublishCurriculum(shipped, "progress-service", NOW), decider.initialState());

            assertThat(events).hasSize(1);
            assertThat(shipped).extracting(Milestone::mode).contains(Mode.values());
            assertThat(shipped).filteredOn(milestone -> milestone.mode() == Mode.SHADOWING)
                    .anySatisfy(milestone -> assertThat(milestone.shadowShifts()).isEqualTo(4));
        }
    }

    private void assertInvalid(PublishCurriculum command, String message) {
        assertThatThrownBy(() -> decider.decide(command, decider.initialState()))
                .isInstanceOf(DomainException.class).hasMessageContaining(message);
    }

    private static PublishCurriculum publish(Milestone... milestones) {
        return new PublishCurriculum(List.of(milestones), "office-1", NOW);
    }

    private static Milestone milestone(String id, Mode mode, boolean required) {
        return new Milestone(id, mode, "Title of " + id, "What " + id + " is", required, "What shows it is done", null);
    }

    private static List<CurriculumEvent> concat(List<CurriculumEvent> first, List<CurriculumEvent> second) {
        List<CurriculumEvent> all = new ArrayList<>(first);
        all.addAll(second);
        return Collections.unmodifiableList(all);
    }
}
