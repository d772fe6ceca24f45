package dev.mentorship.progress.milestone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.curriculum.Milestone;
import dev.mentorship.progress.curriculum.Mode;
import dev.mentorship.progress.milestone.MilestoneCommand.Catalogue;
import dev.mentorship.progress.milestone.MilestoneCommand.LogShadowShift;
import dev.mentorship.progress.milestone.MilestoneCommand.MoveCurriculum;
import dev.mentorship.progress.milestone.MilestoneCommand.Party;
import dev.mentorship.progress.milestone.MilestoneCommand.RecordOutcome;
import dev.mentorship.progress.milestone.MilestoneCommand.ScheduleInterviewLoop;
import dev.mentorship.progress.milestone.MilestoneCommand.SignOff;
import dev.mentorship.progress.milestone.MilestoneCommand.Start;
import dev.mentorship.progress.milestone.MilestoneCommand.SubmitEvidence;
import dev.mentorship.progress.milestone.MilestoneEvent.ApprenticeGraduated;
import dev.mentorship.progress.milestone.MilestoneEvent.CurriculumFollowed;
import dev.mentorship.progress.milestone.MilestoneEvent.CurriculumMoved;
import dev.mentorship.progress.milestone.MilestoneEvent.InterviewLoopCompleted;
import dev.mentorship.progress.milestone.MilestoneEvent.InterviewLoopScheduled;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneStarted;
import dev.mentorship.progress.milestone.MilestoneEvent.ShadowShiftLogged;
import dev.mentorship.progress.milestone.Milestones.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shadowed shifts, curriculum moves and interview loops, branch by branch. */
class JourneyDeciderTest {

    private static final String APPRENTICE = "0195a6c2-0000-7000-8000-000000000001";
    private static final String MENTOR = "0195a6c2-0000-7000-8000-000000000002";
    private static final String MATCH = "0195a6c2-0000-7000-8000-000000000003";
    private static final String LOOP = "0195a6c2-0000-7000-8000-000000000004";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Milestone SHADOW = new Milestone("shadow-on-call", Mode.SHADOWING, "t", "d", true, "e", 2);
    private static final Milestone TRAIN = new Milestone("find-the-regression", Mode.TRAINING, "t", "d", true, "e", null);
    private static final Milestone HALL = new Milestone("study-hall", Mode.COMMUNITY, "t", "d", false, "e", null);
    private static final Catalogue V1 = new Catalogue(1, List.of(SHADOW, TRAIN, HALL));
    private static final Catalogue V2 = new Catalogue(2, List.of(SHADOW, TRAIN));
    private static final List<String> LINKS = List.of("https://git.example.com/pull/1");
    private static final Milestone DRILL = new Milestone("incident-command-drill", Mode.PRACTICE, "Lead a drill", null, true, null, null);

    private final MilestoneDecider decider = new MilestoneDecider();
    private final List<MilestoneEvent> history = new ArrayList<>();

    @Test
    void a_shift_is_logged_once_ended_and_starts_the_milestones_counting_shifts() {
        assertThat(decide(shift("s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), "  calm night  ")))
                .containsExactly(new CurriculumFollowed(APPRENTICE, 1, NOW),
                        new ShadowShiftLogged(APPRENTICE, "s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), 1, "calm night", NOW),
                        new MilestoneStarted(APPRENTICE, "shadow-on-call", NOW));
        // The second shift starts nothing more.
        assertThat(decide(shift("s2", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)), null))).hasSize(1);
        assertThat(state().shadowShifts()).hasSize(2);
    }

    @Test
    void the_same_shift_again_changes_nothing_and_its_id_with_other_details_is_a_reused_key() {
        decide(shift("s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), "notes"));
        assertThat(decide(shift("s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), " notes "))).isEmpty();
        assertRefused(shift("s1", NOW.minus(Duration.ofHours(11)), NOW.minus(Duration.ofHours(1)), "notes"), DomainException.Kind.KEY_REUSED);
    }

    @Test
    void a_shift_that_ends_before_it_starts_lasts_over_a_week_has_not_ended_or_counts_negative_incidents_is_refused() {
        assertRefused(shift("s", NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(2)), null), DomainException.Kind.INVALID_INPUT);
        assertRefused(shift("s", NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(1)), null), DomainException.Kind.INVALID_INPUT);
        assertRefused(shift("s", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)), null), DomainException.Kind.INVALID_INPUT);
        assertRefused(new LogShadowShift(APPRENTICE, "s", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), -1, null,
                Party.apprentice(), V1, NOW), DomainException.Kind.INVALID_INPUT);
        assertRefused(new LogShadowShift(APPRENTICE, "s", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), 0, null,
                Party.currentMentor(MENTOR), V1, NOW), DomainException.Kind.NOT_ALLOWED);
        // A shift ending within the allowed clock skew is taken.
        assertThat(decide(shift("s", NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofMinutes(2)), null))).isNotEmpty();
    }

    @Test
    void evidence_on_a_milestone_counting_shifts_waits_for_enough_of_them() {
        decide(shift("s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), null));
        assertRefused(new SubmitEvidence(APPRENTICE, "shadow-on-call", LINKS, null, Party.apprentice(), V1, NOW), DomainException.Kind.INVALID_TRANSITION);
        decide(shift("s2", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)), null));
        assertThat(decide(new SubmitEvidence(APPRENTICE, "shadow-on-call", LINKS, null, Party.apprentice(), V1, NOW))).hasSize(1);
    }

    @Test
    void a_move_goes_to_a_newer_version_by_the_program_office_and_drops_only_what_that_version_lacks() {
        signedOff(TRAIN.id());
        decide(new Start(APPRENTICE, HALL.id(), Party.apprentice(), V1, NOW));
        assertRefused(new MoveCurriculum(APPRENTICE, V2, Party.apprentice(), V1, NOW), DomainException.Kind.NOT_ALLOWED);
        assertRefused(new MoveCurriculum(APPRENTICE, V1, Party.programOffice(), V1, NOW), DomainException.Kind.INVALID_TRANSITION);

        assertThat(decide(new MoveCurriculum(APPRENTICE, V2, Party.programOffice(), V1, NOW)))
                .containsExactly(new CurriculumMoved(APPRENTICE, 1, 2, List.of(HALL.id()), NOW));
        assertThat(state().curriculumVersion()).isEqualTo(2);
        assertThat(state().status(TRAIN.id())).isEqualTo(Status.SIGNED_OFF);
        assertThat(state().entries()).doesNotContainKey(HALL.id());
        // Commands go on against the version moved to.
        assertRefused(new Start(APPRENTICE, HALL.id(), Party.apprentice(), V2, NOW), DomainException.Kind.NOT_FOUND);
    }

    @Test
    void an_apprentice_following_no_version_yet_cannot_be_moved() {
        assertRefused(new MoveCurriculum(APPRENTICE, V2, Party.programOffice(), V2, NOW), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void a_loop_is_scheduled_by_the_program_office_once_every_required_milestone_is_signed_off_and_one_at_a_time() {
        assertRefused(schedule(LOOP), DomainException.Kind.INVALID_TRANSITION);
        ready();
        assertRefused(new ScheduleInterviewLoop(APPRENTICE, LOOP, NOW.plus(Duration.ofDays(3)), Party.currentMentor(MENTOR), V1, NOW),
                DomainException.Kind.NOT_ALLOWED);
        assertRefused(new ScheduleInterviewLoop(APPRENTICE, LOOP, NOW.plus(Duration.ofDays(400)), Party.programOffice(), V1, NOW),
                DomainException.Kind.INVALID_INPUT);
        assertRefused(new ScheduleInterviewLoop(APPRENTICE, LOOP, NOW.minus(Duration.ofDays(31)), Party.programOffice(), V1, NOW),
                DomainException.Kind.INVALID_INPUT);

        assertThat(decide(schedule(LOOP))).containsExactly(new InterviewLoopScheduled(APPRENTICE, LOOP, NOW.minus(Duration.ofHours(1)), NOW));
        assertThat(decide(schedule(LOOP))).isEmpty();
        assertRefused(new ScheduleInterviewLoop(APPRENTICE, LOOP, NOW.plus(Duration.ofDays(4)), Party.programOffice(), V1, NOW),
                DomainException.Kind.KEY_REUSED);
        assertRefused(new ScheduleInterviewLoop(APPRENTICE, LOOP, NOW.minus(Duration.ofHours(1)), Party.currentMentor(MENTOR), V1, NOW),
                DomainException.Kind.NOT_ALLOWED);
        assertRefused(schedule("another-loop"), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void a_loop_not_passed_adds_required_remediation_milestones_that_must_be_signed_off_before_the_next() {
        ready();
        decide(schedule(LOOP));
        assertRefused(outcome(LOOP, false, List.of()), DomainException.Kind.INVALID_INPUT);
        assertRefused(outcome(LOOP, false, List.of(new Milestone(TRAIN.id(), Mode.TRAINING, "again", null, true, null, null))),
                DomainException.Kind.INVALID_INPUT);
        assertRefused(outcome(LOOP, false, List.of(new Milestone("Not A Slug", Mode.TRAINING, "x", null, true, null, null))),
                DomainException.Kind.INVALID_INPUT);
        assertRefused(outcome(LOOP, false, List.of(new Milestone("no-title", Mode.TRAINING, " ", null, true, null, null))),
                DomainException.Kind.INVALID_INPUT);
        assertRefused(outcome("unknown-loop", false, List.of(DRILL)), DomainException.Kind.NOT_FOUND);
        assertRefused(new RecordOutcome(APPRENTICE, LOOP, false, List.of(DRILL), MATCH, Party.apprentice(), V1, NOW), DomainException.Kind.NOT_ALLOWED);

        assertThat(decide(outcome(LOOP, false, List.of(DRILL)))).containsExactly(new InterviewLoopCompleted(APPRENTICE, LOOP, false, List.of(DRILL), NOW));
        assertThat(decide(outcome(LOOP, false, List.of(DRILL)))).isEmpty();
        assertRefused(outcome(LOOP, true, List.of()), DomainException.Kind.INVALID_TRANSITION);
        assertThat(state().missingForReadiness(V1)).containsExactly(DRILL.id());
        assertRefused(schedule("second"), DomainException.Kind.INVALID_TRANSITION);

        signedOff(DRILL.id());
        assertThat(decide(schedule("second"))).hasSize(1);
    }

    @Test
    void a_pass_graduates_the_apprentice_from_their_match_and_closes_their_progress() {
        ready();
        decide(schedule(LOOP));
        assertRefused(outcome(LOOP, true, List.of(DRILL)), DomainException.Kind.INVALID_INPUT);
        assertRefused(new RecordOutcome(APPRENTICE, LOOP, true, List.of(), null, Party.programOffice(), V1, NOW), DomainException.Kind.INVALID_TRANSITION);

        assertThat(decide(outcome(LOOP, true, List.of()))).containsExactly(new InterviewLoopCompleted(APPRENTICE, LOOP, true, List.of(), NOW),
                new ApprenticeGraduated(APPRENTICE, MATCH, NOW));
        assertThat(state().graduatedAt()).isEqualTo(NOW);
        assertThat(decide(outcome(LOOP, true, List.of()))).isEmpty();
        assertRefused(new Start(APPRENTICE, HALL.id(), Party.apprentice(), V1, NOW), DomainException.Kind.INVALID_TRANSITION);
        assertRefused(shift("late", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), null), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void a_shift_begun_over_a_year_ago_or_overlapping_one_logged_before_is_refused() {
        decide(shift("s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), null));
        assertRefused(shift("s2", NOW.minus(Duration.ofHours(13)), NOW.minus(Duration.ofHours(11)), null), DomainException.Kind.INVALID_INPUT);
        assertRefused(shift("s2", NOW.minus(Duration.ofDays(367)), NOW.minus(Duration.ofDays(366)).plus(Duration.ofHours(8)), null),
                DomainException.Kind.INVALID_INPUT);
        assertThat(decide(shift("s2", NOW.minus(Duration.ofHours(24)), NOW.minus(Duration.ofHours(12)), null))).hasSize(1);
    }

    @Test
    void an_outcome_waits_for_the_loop_to_take_place_and_a_pass_for_every_required_milestone_still_signed_off() {
        ready();
        decide(new ScheduleInterviewLoop(APPRENTICE, LOOP, NOW.plus(Duration.ofDays(2)), Party.programOffice(), V1, NOW));
        assertRefused(outcome(LOOP, true, List.of()), DomainException.Kind.INVALID_TRANSITION);

        Instant later = NOW.plus(Duration.ofDays(3));
        Catalogue v2 = new Catalogue(2, List.of(SHADOW, TRAIN, new Milestone("new-required", Mode.COMMUNITY, "t", "d", true, "e", null)));
        decide(new MoveCurriculum(APPRENTICE, v2, Party.programOffice(), V1, later));
        assertRefused(new RecordOutcome(APPRENTICE, LOOP, true, List.of(), MATCH, Party.programOffice(), v2, later),
                DomainException.Kind.INVALID_TRANSITION);
        assertThat(decide(new RecordOutcome(APPRENTICE, LOOP, false, List.of(DRILL), MATCH, Party.programOffice(), v2, later))).hasSize(1);
    }

    @Test
    void a_shift_or_a_loop_sent_again_after_graduation_is_answered_with_what_is_recorded() {
        ready();
        decide(schedule(LOOP));
        decide(outcome(LOOP, true, List.of()));
        assertThat(decide(shift("s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), null))).isEmpty();
        assertThat(decide(schedule(LOOP))).isEmpty();
        assertRefused(schedule("another"), DomainException.Kind.INVALID_TRANSITION);
    }

    @Test
    void a_move_to_a_version_holding_a_remediation_milestones_id_is_refused() {
        ready();
        decide(schedule(LOOP));
        decide(outcome(LOOP, false, List.of(DRILL)));
        Catalogue clashing = new Catalogue(2, List.of(SHADOW, TRAIN, new Milestone(DRILL.id(), Mode.PRACTICE, "t", "d", false, "e", null)));
        assertRefused(new MoveCurriculum(APPRENTICE, clashing, Party.programOffice(), V1, NOW), DomainException.Kind.INVALID_TRANSITION);
    }

    private void ready() {
        decide(shift("s1", NOW.minus(Duration.ofHours(12)), NOW.minus(Duration.ofHours(1)), null));
        decide(shift("s2", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)), null));
        decide(new SubmitEvidence(APPRENTICE, SHADOW.id(), LINKS, null, Party.apprentice(), V1, NOW));
        decide(new SignOff(APPRENTICE, SHADOW.id(), Party.currentMentor(MENTOR), V1, NOW));
        signedOff(TRAIN.id());
        assertThat(state().missingForReadiness(V1)).isEmpty();
    }

    private void signedOff(String milestoneId) {
        decide(new Start(APPRENTICE, milestoneId, Party.apprentice(), V1, NOW));
        decide(new SubmitEvidence(APPRENTICE, milestoneId, LINKS, null, Party.apprentice(), V1, NOW));
        decide(new SignOff(APPRENTICE, milestoneId, Party.currentMentor(MENTOR), V1, NOW));
    }

    private static LogShadowShift shift(String id, Instant start, Instant end, String notes) {
        return new LogShadowShift(APPRENTICE, id, start, end, 1, notes, Party.apprentice(), V1, NOW);
    }

    private static ScheduleInterviewLoop schedule(String loopId) {
        return new ScheduleInterviewLoop(APPRENTICE, loopId, NOW.minus(Duration.ofHours(1)), Party.programOffice(), V1, NOW);
    }

    private static RecordOutcome outcome(String loopId, boolean passed, List<Milestone> remediation) {
        return new RecordOutcome(APPRENTICE, loopId, passed, remediation, MATCH, Party.programOffice(), V1, NOW);
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
