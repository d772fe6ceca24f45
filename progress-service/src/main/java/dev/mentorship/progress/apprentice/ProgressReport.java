package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.command.Aggregate;
import dev.mentorship.eventsourcing.command.CommandHandler;
import dev.mentorship.eventsourcing.store.Rows;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.progress.apprentice.ProgressAccess.Reader;
import dev.mentorship.progress.checkin.CheckInCommand;
import dev.mentorship.progress.checkin.CheckInEvent;
import dev.mentorship.progress.checkin.CheckIns;
import dev.mentorship.progress.curriculum.Milestone;
import dev.mentorship.progress.curriculum.Mode;
import dev.mentorship.progress.milestone.ApprenticeMilestones;
import dev.mentorship.progress.milestone.ApprenticeMilestones.Followed;
import dev.mentorship.progress.milestone.Milestones;
import dev.mentorship.progress.milestone.Milestones.Status;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An apprentice's progress, folded from the events of their journey and of their matches' check-ins:
 * as it stands, or as it stood at an instant (from the events recorded until then).
 */
@ApplicationScoped
public class ProgressReport {

    public record ProgressView(String apprenticeId, String cohortId, String matchId, String mentorId, Instant matchedAt, Instant enrolledAt,
            int curriculumVersion, boolean readyForInterviewLoop, List<String> missingForReadiness, Instant graduatedAt,
            List<ModeProgress> modes, List<MilestoneState> milestones, List<CheckInView> checkIns, List<ScheduleView> checkInSchedules,
            List<ShiftView> shadowShifts, List<LoopView> interviewLoops, Instant asOf) {
    }

    /** One way of learning: its milestones signed off of all, and of the required ones. */
    public record ModeProgress(Mode mode, int signedOff, int total, int requiredSignedOff, int requiredTotal) {
    }

    /** A milestone of the curriculum followed (or a remediation one), and where the apprentice is with it. */
    public record MilestoneState(String id, Mode mode, String title, boolean required, boolean remediation, Status status, Instant updatedAt,
            Integer shadowShiftsRequired) {
    }

    /** A check-in; its topics and notes are the pair's, shown to the apprentice and to the mentor of that match only. */
    public record CheckInView(String matchId, String checkInId, LocalDate date, int minutes, List<String> topics, String notes,
            CheckInCommand.Party loggedBy) {
    }

    public record ScheduleView(String matchId, int cadenceDays, LocalDate lastCheckInOn, int overdueInARow, boolean ended) {
    }

    /** A shadowed shift; the notes are the apprentice's, shown to them and their current mentor. */
    public record ShiftView(String shiftId, Instant start, Instant end, int incidentsObserved, String notes) {
    }

    public record LoopView(String loopId, Instant scheduledFor, Boolean passed, List<String> remediationMilestoneIds, Instant completedAt) {
    }

    private record MatchRow(String matchId, String mentorId, Instant startedAt, Instant endedAt) {
    }

    private record MatchCheckIns(MatchRow match, CheckIns checkIns) {
    }

    private final ApprenticeMilestones milestones;
    private final CommandHandler commands;
    private final Aggregate<CheckInCommand, CheckInEvent, CheckIns> checkIns;

    public ProgressReport(ApprenticeMilestones milestones, CommandHandler commands, Aggregate<CheckInCommand, CheckInEvent, CheckIns> checkIns) {
        this.milestones = milestones;
        this.commands = commands;
        this.checkIns = checkIns;
    }

    /** The progress for {@code reader}; at {@code asOf} when given, else as it stands. */
    public Uni<ProgressView> of(ApprenticeProgress record, Reader reader, Instant asOf) {
        Uni<Followed> journey = asOf == null ? milestones.followedBy(record.apprenticeId) : milestones.followedBy(record.apprenticeId, asOf);
        return journey.chain(followed -> matches(record.apprenticeId, asOf).chain(matches -> checkIns(matches, asOf))
                .map(all -> view(record, reader, followed, all, asOf)));
    }

    private Uni<List<MatchRow>> matches(String apprenticeId, Instant asOf) {
        return Panache.withSession(() -> SessionSql.select("select match_id, mentor_id, started_at, ended_at from progress_matches"
                + " where apprentice_id = $1 order by started_at", apprenticeId))
                .map(rows -> rows.stream().map(row -> new MatchRow((String) row[0], (String) row[1], Rows.asInstant(row[2]), Rows.asInstant(row[3])))
                        .filter(match -> asOf == null || !match.startedAt().isAfter(asOf))
                        .map(match -> asOf != null && match.endedAt() != null && match.endedAt().isAfter(asOf)
                                ? new MatchRow(match.matchId(), match.mentorId(), match.startedAt(), null) : match)
                        .toList());
    }

    private Uni<List<MatchCheckIns>> checkIns(List<MatchRow> matches, Instant asOf) {
        Uni<List<MatchCheckIns>> all = Uni.createFrom().item(new ArrayList<>());
        for (MatchRow match : matches) {
            all = all.chain(list -> (asOf == null ? commands.load(checkIns, match.matchId()) : commands.loadAsOf(checkIns, match.matchId(), asOf))
                    .map(read -> {
                        list.add(new MatchCheckIns(match, read.state()));
                        return list;
                    }));
        }
        return all;
    }

    private static ProgressView view(ApprenticeProgress record, Reader reader, Followed followed, List<MatchCheckIns> matches, Instant asOf) {
        Milestones journey = followed.milestones();
        List<Milestone> all = journey.all(followed.catalogue());
        List<MilestoneState> states = all.stream().map(milestone -> {
            Milestones.Entry entry = journey.entries().get(milestone.id());
            return new MilestoneState(milestone.id(), milestone.mode(), milestone.title(), milestone.required(),
                    journey.remediation().contains(milestone), journey.status(milestone.id()), entry == null ? null : entry.updatedAt(),
                    milestone.shadowShifts());
        }).toList();
        List<ModeProgress> modes = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            List<MilestoneState> of = states.stream().filter(state -> state.mode() == mode).toList();
            List<MilestoneState> required = of.stream().filter(MilestoneState::required).toList();
            modes.add(new ModeProgress(mode, signedOff(of), of.size(), signedOff(required), required.size()));
        }
        // The current match as the apprentice's record says; at asOf, the latest match that had started and not ended by then.
        MatchRow current = asOf == null
                ? record.matchId == null ? null : new MatchRow(record.matchId, record.mentorId, record.matchedAt, null)
                : matches.stream().map(MatchCheckIns::match).filter(match -> match.endedAt() == null).reduce((first, second) -> second).orElse(null);
        List<CheckInView> checkIns = new ArrayList<>();
        List<ScheduleView> schedules = new ArrayList<>();
        for (MatchCheckIns match : matches) {
            boolean pair = reader == Reader.APPRENTICE || reader == Reader.CURRENT_MENTOR && match.match().matchId().equals(record.matchId);
            match.checkIns().checkIns().values().stream().sorted(Comparator.comparing(CheckIns.CheckIn::date).reversed())
                    .forEach(checkIn -> checkIns.add(new CheckInView(match.match().matchId(), checkIn.checkInId(), checkIn.date(), checkIn.minutes(),
                            pair ? checkIn.topics() : null, pair ? checkIn.notes() : null, checkIn.loggedBy())));
            schedules.add(new ScheduleView(match.match().matchId(), match.checkIns().cadenceDays(), match.checkIns().lastCheckInOn(),
                    match.checkIns().overdueInARow(), match.match().endedAt() != null));
        }
        checkIns.sort(Comparator.comparing(CheckInView::date).reversed());
        boolean shiftNotes = reader != Reader.PROGRAM_OFFICE;
        List<ShiftView> shifts = journey.shadowShifts().values().stream().sorted(Comparator.comparing(Milestones.ShadowShift::start).reversed())
                .map(shift -> new ShiftView(shift.shiftId(), shift.start(), shift.end(), shift.incidentsObserved(), shiftNotes ? shift.notes() : null))
                .toList();
        List<LoopView> loops = journey.interviewLoops().values().stream().sorted(Comparator.comparing(Milestones.InterviewLoop::scheduledAt))
                .map(loop -> new LoopView(loop.loopId(), loop.scheduledFor(), loop.passed(), loop.remediationIds(), loop.completedAt())).toList();
        List<String> missing = journey.missingForReadiness(followed.catalogue());
        return new ProgressView(record.apprenticeId, record.cohortId, current == null ? null : current.matchId(),
                current == null ? null : current.mentorId(), current == null ? null : current.startedAt(), record.enrolledAt,
                followed.catalogue().version(), missing.isEmpty() && journey.graduatedAt() == null, missing, journey.graduatedAt(), modes, states,
                checkIns, schedules, shifts, loops, asOf);
    }

    private static int signedOff(List<MilestoneState> states) {
        return (int) states.stream().filter(state -> state.status() == Status.SIGNED_OFF).count();
    }

}
