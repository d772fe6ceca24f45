package dev.mentorship.progress.milestone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.curriculum.Milestone;
import dev.mentorship.progress.curriculum.Mode;
import dev.mentorship.progress.milestone.MilestoneCommand.Catalogue;
import dev.mentorship.progress.milestone.MilestoneCommand.Party;
import dev.mentorship.progress.milestone.MilestoneCommand.Return;
import dev.mentorship.progress.milestone.MilestoneCommand.SignOff;
import dev.mentorship.progress.milestone.MilestoneCommand.Start;
import dev.mentorship.progress.milestone.MilestoneCommand.SubmitEvidence;
import dev.mentorship.progress.milestone.MilestoneEvent.CurriculumFollowed;
import dev.mentorship.progress.milestone.MilestoneEvent.EvidenceSubmitted;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneReturned;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneSignedOff;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneStarted;
import dev.mentorship.progress.milestone.Milestones.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MilestoneDeciderTest {

    private static final String APPRENTICE = "0195a6c2-0000-7000-8000-000000000001";
    private static final String MENTOR = "0195a6c2-0000-7000-8000-000000000002";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Catalogue V1 = new Catalogue(1, List.of(
            new Milestone("find-the-regression", Mode.TRAINING, "t", "d", true, "e", null),
            new Milestone("study-hall", Mode.COMMUNITY, "t", "d", false, "e", null)));
    private static final List<String> LINKS = List.of("https://git.example.com/pull/1");

    private final MilestoneDecider decider = new MilestoneDecider();
    private final List<MilestoneEvent> history = new ArrayList<>();

    @Test
    void the_first_command_fixes_the_curriculum_version_then_starts_the_milestone() {
        List<MilestoneEvent> events = decide(new Start(APPRENTICE, "find-the-regression", Party.apprentice(), V1, NOW));

        assertThat(events).containsExactly(new CurriculumFollowed(APPRENTICE, 1, NOW), new MilestoneStarted(APPRENTICE, "find-the-regression", NOW));
        assertThat(state().curriculumVersion()).isEqualTo(1);
        assertThat(decide(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW))).containsExactly(
                new MilestoneStarted(APPRENTICE, "study-hall", NOW));
    }

    @Test
    void starting_a_milestone_in_progress_again_changes_nothing_and_one_further_along_is_refused() {
        decide(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW));
        assertThat(decide(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW))).isEmpty();

        decide(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, null, Party.apprentice(), V1, NOW));
        assertRefused(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void evidence_needs_a_milestone_in_progress_and_well_formed_links() {
        assertRefused(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, null, Party.apprentice(), V1, NOW), DomainException.Kind.INVALID_TRANSITION);
        decide(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW));
        assertRefused(new SubmitEvidence(APPRENTICE, "study-hall", List.of(), null, Party.apprentice(), V1, NOW), DomainException.Kind.INVALID_INPUT);
        assertRefused(new SubmitEvidence(APPRENTICE, "study-hall", List.of("mailto:x@example.com"), null, Party.apprentice(), V1, NOW),
                DomainException.Kind.INVALID_INPUT);
        assertRefused(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, "x".repeat(MilestoneDecider.MAX_NOTES + 1), Party.apprentice(), V1, NOW),
                DomainException.Kind.INVALID_INPUT);

        assertThat(decide(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, "  notes  ", Party.apprentice(), V1, NOW)))
                .containsExactly(new EvidenceSubmitted(APPRENTICE, "study-hall", LINKS, "notes", NOW));
        assertThat(state().status("study-hall")).isEqualTo(Status.EVIDENCE_SUBMITTED);
    }

    @Test
    void the_current_mentor_returns_with_a_comment_or_signs_off_once_evidence_is_in() {
        decide(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW));
        assertRefused(new SignOff(APPRENTICE, "study-hall", Party.currentMentor(MENTOR), V1, NOW), DomainException.Kind.INVALID_TRANSITION);
        decide(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, null, Party.apprentice(), V1, NOW));
        assertRefused(new Return(APPRENTICE, "study-hall", " ", Party.currentMentor(MENTOR), V1, NOW), DomainException.Kind.INVALID_INPUT);

        assertThat(decide(new Return(APPRENTICE, "study-hall", "More, please", Party.currentMentor(MENTOR), V1, NOW)))
                .containsExactly(new MilestoneReturned(APPRENTICE, "study-hall", MENTOR, "More, please", NOW));
        assertThat(state().entries().get("study-hall").returnComment()).isEqualTo("More, please");
        assertThat(state().status("study-hall")).isEqualTo(Status.IN_PROGRESS);

        decide(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, null, Party.apprentice(), V1, NOW));
        assertThat(decide(new SignOff(APPRENTICE, "study-hall", Party.currentMentor(MENTOR), V1, NOW)))
                .containsExactly(new MilestoneSignedOff(APPRENTICE, "study-hall", MENTOR, NOW));
        assertThat(state().status("study-hall")).isEqualTo(Status.SIGNED_OFF);
        assertRefused(new SignOff(APPRENTICE, "study-hall", Party.currentMentor(MENTOR), V1, NOW), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void each_step_is_refused_to_everyone_else() {
        assertRefused(new Start(APPRENTICE, "study-hall", Party.currentMentor(MENTOR), V1, NOW), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new Start(APPRENTICE, "study-hall", Party.other(), V1, NOW), DomainException.Kind.NOT_ALLOWED);
        decide(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW));
        assertRefused(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, null, Party.other(), V1, NOW), DomainException.Kind.NOT_ALLOWED);
        decide(new SubmitEvidence(APPRENTICE, "study-hall", LINKS, null, Party.apprentice(), V1, NOW));
        assertRefused(new SignOff(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new SignOff(APPRENTICE, "study-hall", Party.other(), V1, NOW), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new Return(APPRENTICE, "study-hall", "no", Party.other(), V1, NOW), DomainException.Kind.NOT_ALLOWED);
    }

    @Test
    void a_command_decided_on_another_catalogue_than_the_one_followed_is_a_conflict_and_writes_nothing() {
        decide(new Start(APPRENTICE, "study-hall", Party.apprentice(), V1, NOW));
        Catalogue v2 = new Catalogue(2, V1.milestones());

        assertRefused(new Start(APPRENTICE, "find-the-regression", Party.apprentice(), v2, NOW), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void a_milestone_the_followed_curriculum_lacks_is_not_found() {
        assertRefused(new Start(APPRENTICE, "lunch-and-learn", Party.apprentice(), V1, NOW), DomainException.Kind.NOT_FOUND);
        assertThat(history).isEmpty();
    }

    private List<MilestoneEvent> decide(MilestoneCommand command) {
        List<MilestoneEvent> events = decider.decide(command, state());
        history.addAll(events);
        return events;
    }

    private Milestones state() {
        return decider.fold(history);
    }

    private void assertRefused(MilestoneCommand command, DomainException.Kind kind) {
        int before = history.size();
        assertThatThrownBy(() -> decide(command)).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(history).hasSize(before);
    }
}
