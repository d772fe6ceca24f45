package dev.mentorship.progress.milestone;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.curriculum.Milestone;
import dev.mentorship.progress.milestone.MilestoneCommand.Catalogue;
import dev.mentorship.progress.milestone.MilestoneCommand.Party;
import dev.mentorship.progress.milestone.MilestoneCommand.Party.Relation;
import dev.mentorship.progress.milestone.MilestoneEvent.ApprenticeGraduated;
import dev.mentorship.progress.milestone.MilestoneEvent.CurriculumFollowed;
import dev.mentorship.progress.milestone.MilestoneEvent.CurriculumMoved;
import dev.mentorship.progress.milestone.MilestoneEvent.EvidenceSubmitted;
import dev.mentorship.progress.milestone.MilestoneEvent.InterviewLoopCompleted;
import dev.mentorship.progress.milestone.MilestoneEvent.InterviewLoopScheduled;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneReturned;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneSignedOff;
import dev.mentorship.progress.milestone.MilestoneEvent.MilestoneStarted;
import dev.mentorship.progress.milestone.MilestoneEvent.ShadowShiftLogged;
import dev.mentorship.progress.milestone.Milestones.Entry;
import dev.mentorship.progress.milestone.Milestones.InterviewLoop;
import dev.mentorship.progress.milestone.Milestones.ShadowShift;
import dev.mentorship.progress.milestone.Milestones.Status;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An apprentice's journey through the program.
 *
 * <p>A milestone goes not started → in progress → evidence submitted → signed off, or back to in
 * progress when the mentor returns it. The apprentice starts milestones, submits evidence and logs the
 * on-call shifts they shadow (which start the shadowing milestones, whose evidence waits for enough
 * shifts); their current mentor signs off or returns; the program office moves them to a newer
 * curriculum and runs interview loops once every required milestone is signed off. A pass graduates
 * the apprentice, after which nothing changes; a fail adds remediation milestones. The first command
 * that changes anything fixes the curriculum version the apprentice follows.
 */
public final class MilestoneDecider implements Decider<MilestoneCommand, MilestoneEvent, Milestones> {

    static final int MAX_LINKS = 10;
    static final int MAX_NOTES = 4000;
    static final int MAX_COMMENT = 2000;
    static final int MAX_INCIDENTS = 1000;
    static final int MAX_REMEDIATION = 10;
    static final Duration LONGEST_SHIFT = Duration.ofDays(7);
    /** How long after a shift began it can still be logged. */
    static final Duration SHIFT_PAST = Duration.ofDays(366);
    /** How far the caller's clock may run ahead of the service's when they say a shift has ended. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How far back a loop that already took place may be recorded, and how far ahead one may be scheduled. */
    static final Duration LOOP_PAST = Duration.ofDays(30);
    static final Duration LOOP_AHEAD = Duration.ofDays(365);
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Override
    public Milestones initialState() {
        return Milestones.initial();
    }

    @Override
    public Milestones evolve(Milestones state, MilestoneEvent event) {
        return switch (event) {
            case CurriculumFollowed followed -> state.following(followed.apprenticeId(), followed.version());
            case CurriculumMoved moved -> state.moved(moved.apprenticeId(), moved.to(), moved.dropped());
            case MilestoneStarted started -> state.with(started.milestoneId(), new Entry(Status.IN_PROGRESS, List.of(), null, null, started.at()));
            case EvidenceSubmitted submitted -> state.with(submitted.milestoneId(), new Entry(Status.EVIDENCE_SUBMITTED, submitted.links(),
                    submitted.notes(), null, submitted.at()));
            case MilestoneSignedOff signed -> {
                Entry entry = state.entries().get(signed.milestoneId());
                yield state.with(signed.milestoneId(), new Entry(Status.SIGNED_OFF, entry.links(), entry.notes(), null, signed.at()));
            }
            case MilestoneReturned returned -> {
                Entry entry = state.entries().get(returned.milestoneId());
                yield state.with(returned.milestoneId(), new Entry(Status.IN_PROGRESS, entry.links(), entry.notes(), returned.comment(),
                        returned.at()));
            }
            case ShadowShiftLogged logged -> state.withShift(new ShadowShift(logged.shiftId(), logged.start(), logged.end(),
                    logged.incidentsObserved(), logged.notes(), logged.at()));
            case InterviewLoopScheduled scheduled -> state.withLoop(new InterviewLoop(scheduled.loopId(), scheduled.scheduledFor(),
                    scheduled.at(), null, List.of(), null), List.of());
            case InterviewLoopCompleted completed -> {
                InterviewLoop loop = state.interviewLoops().get(completed.loopId());
                yield state.withLoop(new InterviewLoop(loop.loopId(), loop.scheduledFor(), loop.scheduledAt(), completed.passed(),
                        completed.remediation().stream().map(Milestone::id).toList(), completed.at()), completed.remediation());
            }
            case ApprenticeGraduated graduated -> state.graduated(graduated.at());
        };
    }

    @Override
    public List<MilestoneEvent> decide(MilestoneCommand command, Milestones state) {
        int version = state.curriculumVersion() != null ? state.curriculumVersion() : command.catalogue().version();
        if (command.catalogue().version() != version) {
            // A first command of theirs fixed another version meanwhile (a catalogue was published in between): a conflict, sent again it succeeds.
            throw DomainException.invalidTransition("Apprentice " + command.apprenticeId() + " follows curriculum version " + version
                    + " since a moment ago; send the request again");
        }
        if (repeats(command, state)) {
            // Sent again (the same Idempotency-Key, the same outcome): answered with what is recorded, whatever happened since.
            return List.of();
        }
        if (state.graduatedAt() != null) {
            throw DomainException.invalidTransition("Apprentice " + command.apprenticeId() + " graduated on " + state.graduatedAt()
                    + "; their progress is closed");
        }
        List<MilestoneEvent> events = new ArrayList<>(switch (command) {
            case MilestoneCommand.OnMilestone onMilestone -> onMilestone(onMilestone, state);
            case MilestoneCommand.LogShadowShift log -> logShift(log, state);
            case MilestoneCommand.MoveCurriculum move -> move(move, state);
            case MilestoneCommand.ScheduleInterviewLoop schedule -> schedule(schedule, state);
            case MilestoneCommand.RecordOutcome outcome -> outcome(outcome, state);
        });
        if (state.curriculumVersion() == null && !events.isEmpty() && !(events.getFirst() instanceof CurriculumMoved)) {
            events.addFirst(new CurriculumFollowed(command.apprenticeId(), version, command.now()));
        }
        return List.copyOf(events);
    }

    private static List<MilestoneEvent> onMilestone(MilestoneCommand.OnMilestone command, Milestones state) {
        Milestone milestone = state.milestone(command.catalogue(), command.milestoneId()).orElseThrow(() -> DomainException.notFound(
                "Curriculum version " + command.catalogue().version() + " has no milestone " + command.milestoneId()
                        + ", nor is it one of the apprentice's remediation milestones"));
        Status status = state.status(milestone.id());
        return switch (command) {
            case MilestoneCommand.Start start -> {
                requireApprentice(start.party());
                if (status == Status.IN_PROGRESS) {
                    yield List.of();
                }
                if (status != Status.NOT_STARTED) {
                    throw DomainException.invalidTransition("Milestone " + start.milestoneId() + " is " + spoken(status));
                }
                yield List.of(new MilestoneStarted(start.apprenticeId(), start.milestoneId(), start.now()));
            }
            case MilestoneCommand.SubmitEvidence submit -> {
                requireApprentice(submit.party());
                if (status != Status.IN_PROGRESS) {
                    throw DomainException.invalidTransition("Evidence goes on a milestone in progress; " + submit.milestoneId() + " is "
                            + spoken(status));
                }
                if (milestone.shadowShifts() != null && state.shadowShifts().size() < milestone.shadowShifts()) {
                    throw DomainException.invalidTransition("Milestone " + milestone.id() + " takes " + milestone.shadowShifts()
                            + " shadowed on-call shifts; " + state.shadowShifts().size() + " are logged");
                }
                yield List.of(new EvidenceSubmitted(submit.apprenticeId(), submit.milestoneId(), links(submit.links()), notes(submit.notes()),
                        submit.now()));
            }
            case MilestoneCommand.SignOff signOff -> {
                requireCurrentMentor(signOff.party());
                requireSubmitted(signOff.milestoneId(), status, "signed off");
                yield List.of(new MilestoneSignedOff(signOff.apprenticeId(), signOff.milestoneId(), signOff.party().mentorId(), signOff.now()));
            }
            case MilestoneCommand.Return giveBack -> {
                requireCurrentMentor(giveBack.party());
                requireSubmitted(giveBack.milestoneId(), status, "returned");
                if (giveBack.comment() == null || giveBack.comment().isBlank() || giveBack.comment().length() > MAX_COMMENT) {
                    throw DomainException.invalidInput("A returned milestone needs a comment of 1-" + MAX_COMMENT + " characters saying what is missing");
                }
                yield List.of(new MilestoneReturned(giveBack.apprenticeId(), giveBack.milestoneId(), giveBack.party().mentorId(),
                        giveBack.comment().strip(), giveBack.now()));
            }
        };
    }

    private static List<MilestoneEvent> logShift(MilestoneCommand.LogShadowShift log, Milestones state) {
        requireApprentice(log.party());
        if (log.start() == null || log.end() == null || !log.end().isAfter(log.start())) {
            throw DomainException.invalidInput("A shadow shift has a start and an end after it");
        }
        if (Duration.between(log.start(), log.end()).compareTo(LONGEST_SHIFT) > 0) {
            throw DomainException.invalidInput("A shadow shift lasts at most " + LONGEST_SHIFT.toDays() + " days");
        }
        if (log.end().isAfter(log.now().plus(CLOCK_SKEW))) {
            throw DomainException.invalidInput("A shadow shift is logged once it has ended; this one ends at " + log.end());
        }
        if (log.start().isBefore(log.now().minus(SHIFT_PAST))) {
            throw DomainException.invalidInput("A shadow shift is logged within " + SHIFT_PAST.toDays() + " days of its start");
        }
        if (log.incidentsObserved() < 0 || log.incidentsObserved() > MAX_INCIDENTS) {
            throw DomainException.invalidInput("incidentsObserved is 0-" + MAX_INCIDENTS);
        }
        String notes = notes(log.notes());
        if (state.shadowShifts().containsKey(log.shiftId())) {
            throw DomainException.keyReused("This Idempotency-Key already logged shift " + log.shiftId() + " with other details");
        }
        state.shadowShifts().values().stream().filter(other -> log.start().isBefore(other.end()) && other.start().isBefore(log.end()))
                .findFirst().ifPresent(other -> {
                    throw DomainException.invalidInput("This shift overlaps shift " + other.shiftId() + ", logged from " + other.start() + " to "
                            + other.end() + "; a shift is logged once");
                });
        List<MilestoneEvent> events = new ArrayList<>();
        events.add(new ShadowShiftLogged(log.apprenticeId(), log.shiftId(), log.start(), log.end(), log.incidentsObserved(), notes, log.now()));
        // A logged shift starts the milestones that count shadowed shifts.
        state.all(log.catalogue()).stream()
                .filter(milestone -> milestone.shadowShifts() != null && state.status(milestone.id()) == Status.NOT_STARTED)
                .forEach(milestone -> events.add(new MilestoneStarted(log.apprenticeId(), milestone.id(), log.now())));
        return events;
    }

    private static List<MilestoneEvent> move(MilestoneCommand.MoveCurriculum move, Milestones state) {
        requireProgramOffice(move.party(), "moves an apprentice to another curriculum version");
        if (move.target().version() <= move.catalogue().version()) {
            throw DomainException.invalidTransition("Apprentice " + move.apprenticeId() + (state.curriculumVersion() == null
                    ? " follows no version yet, and will follow the current one, " + move.catalogue().version() + ", from their first milestone"
                    : " follows curriculum version " + state.curriculumVersion()) + "; a move goes to a newer version");
        }
        Set<String> kept = new HashSet<>();
        move.target().milestones().forEach(milestone -> kept.add(milestone.id()));
        state.remediation().stream().filter(milestone -> kept.contains(milestone.id())).findFirst().ifPresent(clash -> {
            throw DomainException.invalidTransition("Curriculum version " + move.target().version() + " has a milestone " + clash.id()
                    + ", the id of one of the apprentice's remediation milestones");
        });
        state.remediation().forEach(milestone -> kept.add(milestone.id()));
        List<String> dropped = state.entries().keySet().stream().filter(id -> !kept.contains(id)).sorted().toList();
        return List.of(new CurriculumMoved(move.apprenticeId(), state.curriculumVersion(), move.target().version(), dropped, move.now()));
    }

    private static List<MilestoneEvent> schedule(MilestoneCommand.ScheduleInterviewLoop schedule, Milestones state) {
        requireProgramOffice(schedule.party(), "schedules interview loops");
        if (state.interviewLoops().containsKey(schedule.loopId())) {
            throw DomainException.keyReused("This Idempotency-Key already scheduled loop " + schedule.loopId() + " for another time");
        }
        if (schedule.scheduledFor() == null || schedule.scheduledFor().isBefore(schedule.now().minus(LOOP_PAST))
                || schedule.scheduledFor().isAfter(schedule.now().plus(LOOP_AHEAD))) {
            throw DomainException.invalidInput("scheduledFor is an instant at most " + LOOP_PAST.toDays() + " days back and "
                    + LOOP_AHEAD.toDays() + " days ahead");
        }
        state.openLoop().ifPresent(open -> {
            throw DomainException.invalidTransition("Loop " + open.loopId() + " for this apprentice has no outcome yet");
        });
        List<String> missing = state.missingForReadiness(schedule.catalogue());
        if (!missing.isEmpty()) {
            throw DomainException.invalidTransition("The apprentice is not ready for an interview loop: required milestones not signed off: "
                    + String.join(", ", missing));
        }
        return List.of(new InterviewLoopScheduled(schedule.apprenticeId(), schedule.loopId(), schedule.scheduledFor(), schedule.now()));
    }

    /** A shift, a loop or an outcome already recorded with these very details, sent again: nothing to do. */
    private static boolean repeats(MilestoneCommand command, Milestones state) {
        return switch (command) {
            case MilestoneCommand.LogShadowShift log -> {
                ShadowShift earlier = state.shadowShifts().get(log.shiftId());
                yield earlier != null && log.party().relation() == Relation.APPRENTICE && earlier.start().equals(log.start())
                        && earlier.end().equals(log.end()) && earlier.incidentsObserved() == log.incidentsObserved()
                        && Objects.equals(earlier.notes(), log.notes() == null || log.notes().isBlank() ? null : log.notes().strip());
            }
            case MilestoneCommand.ScheduleInterviewLoop schedule -> {
                InterviewLoop earlier = state.interviewLoops().get(schedule.loopId());
                yield earlier != null && schedule.party().relation() == Relation.PROGRAM_OFFICE
                        && earlier.scheduledFor().equals(schedule.scheduledFor());
            }
            case MilestoneCommand.RecordOutcome outcome -> {
                InterviewLoop loop = state.interviewLoops().get(outcome.loopId());
                yield loop != null && !loop.open() && outcome.party().relation() == Relation.PROGRAM_OFFICE && loop.passed() == outcome.passed()
                        && loop.remediationIds().equals(outcome.remediation() == null ? List.of()
                                : outcome.remediation().stream().map(milestone -> milestone == null ? null : milestone.id()).toList());
            }
            default -> false;
        };
    }

    private static List<MilestoneEvent> outcome(MilestoneCommand.RecordOutcome outcome, Milestones state) {
        requireProgramOffice(outcome.party(), "records interview loop outcomes");
        InterviewLoop loop = state.interviewLoops().get(outcome.loopId());
        if (loop == null) {
            throw DomainException.notFound("Apprentice " + outcome.apprenticeId() + " has no interview loop " + outcome.loopId());
        }
        if (!loop.open()) {
            throw DomainException.invalidTransition("Loop " + loop.loopId() + " already has its outcome: " + (loop.passed() ? "passed" : "not passed"));
        }
        if (outcome.now().isBefore(loop.scheduledFor())) {
            throw DomainException.invalidTransition("Loop " + loop.loopId() + " is scheduled for " + loop.scheduledFor()
                    + "; its outcome is recorded once it has taken place");
        }
        List<Milestone> remediation = outcome.remediation() == null ? List.of() : outcome.remediation();
        if (outcome.passed()) {
            List<String> missing = state.missingForReadiness(outcome.catalogue());
            if (!missing.isEmpty()) {
                throw DomainException.invalidTransition("The apprentice no longer has every required milestone signed off (the curriculum moved "
                        + "since the loop was scheduled): " + String.join(", ", missing));
            }
            if (!remediation.isEmpty()) {
                throw DomainException.invalidInput("A passed loop names no remediation milestones");
            }
            if (outcome.matchId() == null) {
                throw DomainException.invalidTransition("Apprentice " + outcome.apprenticeId() + " has never had a match to graduate from");
            }
            return List.of(new InterviewLoopCompleted(outcome.apprenticeId(), loop.loopId(), true, List.of(), outcome.now()),
                    new ApprenticeGraduated(outcome.apprenticeId(), outcome.matchId(), outcome.now()));
        }
        return List.of(new InterviewLoopCompleted(outcome.apprenticeId(), loop.loopId(), false,
                remediation(remediation, outcome.catalogue(), state), outcome.now()));
    }

    /** Remediation milestones: 1-10, each with an id unused by the catalogue and by earlier remediation, required, counting no shifts. */
    private static List<Milestone> remediation(List<Milestone> named, Catalogue catalogue, Milestones state) {
        if (named.isEmpty() || named.size() > MAX_REMEDIATION) {
            throw DomainException.invalidInput("A loop not passed names 1-" + MAX_REMEDIATION + " remediation milestones for the apprentice");
        }
        Set<String> taken = new HashSet<>();
        state.all(catalogue).forEach(milestone -> taken.add(milestone.id()));
        List<Milestone> accepted = new ArrayList<>();
        for (Milestone milestone : named) {
            if (milestone == null || milestone.id() == null || !SLUG.matcher(milestone.id()).matches() || milestone.id().length() > 64) {
                throw DomainException.invalidInput("A remediation milestone id is lower-case words joined by hyphens, at most 64 characters");
            }
            if (!taken.add(milestone.id())) {
                throw DomainException.invalidInput("Remediation milestone id " + milestone.id() + " is already a milestone of this apprentice's");
            }
            if (milestone.mode() == null || blank(milestone.title(), 200) || milestone.description() != null && milestone.description().length() > 2000
                    || milestone.evidence() != null && milestone.evidence().length() > 1000) {
                throw DomainException.invalidInput("Remediation milestone " + milestone.id()
                        + " needs a mode and a title of 1-200 characters; description is at most 2000, evidence 1000");
            }
            accepted.add(new Milestone(milestone.id(), milestone.mode(), milestone.title().strip(), milestone.description(), true,
                    milestone.evidence(), null));
        }
        return List.copyOf(accepted);
    }

    private static boolean blank(String text, int max) {
        return text == null || text.isBlank() || text.length() > max;
    }

    private static String spoken(Status status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    private static void requireApprentice(Party party) {
        if (party.relation() != Relation.APPRENTICE) {
            throw DomainException.notAllowed("Only the apprentice works on their milestones and logs their shadow shifts");
        }
    }

    private static void requireCurrentMentor(Party party) {
        if (party.relation() != Relation.CURRENT_MENTOR) {
            throw DomainException.notAllowed("Only the apprentice's current mentor signs off or returns a milestone");
        }
    }

    private static void requireProgramOffice(Party party, String what) {
        if (party.relation() != Relation.PROGRAM_OFFICE) {
            throw DomainException.notAllowed("Only the program office " + what);
        }
    }

    private static void requireSubmitted(String milestoneId, Status status, String what) {
        if (status != Status.EVIDENCE_SUBMITTED) {
            throw DomainException.invalidTransition("Milestone " + milestoneId + " can be " + what + " once evidence is submitted; it is "
                    + spoken(status));
        }
    }

    private static List<String> links(List<String> links) {
        if (links == null || links.isEmpty() || links.size() > MAX_LINKS) {
            throw DomainException.invalidInput("Evidence has 1-" + MAX_LINKS + " links");
        }
        for (String link : links) {
            try {
                URI uri = link == null ? null : new URI(link);
                if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                        || link.length() > 2000) {
                    throw DomainException.invalidInput("An evidence link is an http(s) address of at most 2000 characters; got " + link);
                }
            } catch (URISyntaxException e) {
                throw DomainException.invalidInput("An evidence link is an http(s) address of at most 2000 characters; got " + link);
            }
        }
        return List.copyOf(links);
    }

    private static String notes(String notes) {
        if (notes != null && notes.length() > MAX_NOTES) {
            throw DomainException.invalidInput("Notes are at most " + MAX_NOTES + " characters");
        }
        return notes == null || notes.isBlank() ? null : notes.strip();
    }
}
