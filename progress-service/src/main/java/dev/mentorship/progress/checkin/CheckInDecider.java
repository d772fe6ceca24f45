package dev.mentorship.progress.checkin;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.progress.checkin.CheckInCommand.Match;
import dev.mentorship.progress.checkin.CheckInCommand.Party;
import dev.mentorship.progress.checkin.CheckInEvent.CadenceSet;
import dev.mentorship.progress.checkin.CheckInEvent.CheckInLogged;
import dev.mentorship.progress.checkin.CheckInEvent.CheckInOverdue;
import dev.mentorship.progress.checkin.CheckIns.CheckIn;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A match's check-ins. The mentor or the apprentice logs one (never dated in the future, nor before the
 * match, nor once it has ended); the pair or the program office sets the cadence. A period is the
 * cadence counted from the day of the last check-in (or from the match's start); it is overdue once
 * it has run out with the grace period on top and no check-in, and each such period is reported once:
 * asked again, at any later time or by another instance, the decider finds it reported.
 */
public final class CheckInDecider implements Decider<CheckInCommand, CheckInEvent, CheckIns> {

    static final int MAX_CADENCE_DAYS = 90;
    static final int MAX_MINUTES = 600;
    static final int MAX_TOPICS = 10;
    static final int MAX_TOPIC = 100;
    static final int MAX_NOTES = 4000;
    /** Reported at most this many missed periods in one go: a bound, far beyond any real program's length. */
    static final int MAX_PERIODS = 1000;
    /** The world's most advanced time zone: a date is in the future once it has begun nowhere. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);
    private static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(-12);

    @Override
    public CheckIns initialState() {
        return CheckIns.initial();
    }

    @Override
    public CheckIns evolve(CheckIns state, CheckInEvent event) {
        return switch (event) {
            case CadenceSet set -> state.withCadence(set.matchId(), set.days());
            case CheckInLogged logged -> state.with(logged.matchId(), new CheckIn(logged.checkInId(), logged.date(), logged.minutes(),
                    logged.topics(), logged.notes(), logged.loggedBy(), logged.at()));
            case CheckInOverdue overdue -> state.overdue(overdue.matchId(), overdue.dueBy(), overdue.missedPeriods());
        };
    }

    @Override
    public List<CheckInEvent> decide(CheckInCommand command, CheckIns state) {
        Match match = command.match();
        return switch (command) {
            case CheckInCommand.SetCadence set -> {
                if (set.party() == Party.OTHER) {
                    throw DomainException.notAllowed("Only the pair of the match or the program office sets its check-in cadence");
                }
                requireRunning(match);
                if (set.days() < 1 || set.days() > MAX_CADENCE_DAYS) {
                    throw DomainException.invalidInput("A check-in cadence is 1-" + MAX_CADENCE_DAYS + " days");
                }
                yield set.days() == state.cadenceDays() && state.matchId() != null ? List.of()
                        : List.of(new CadenceSet(match.matchId(), match.apprenticeId(), set.days(), set.now()));
            }
            case CheckInCommand.LogCheckIn log -> log(log, state);
            case CheckInCommand.DetectOverdue detect -> overdue(detect, state);
        };
    }

    private static List<CheckInEvent> log(CheckInCommand.LogCheckIn log, CheckIns state) {
        Match match = log.match();
        if (log.party() != Party.APPRENTICE && log.party() != Party.MENTOR) {
            throw DomainException.notAllowed("Only the mentor or the apprentice of the match logs its check-ins");
        }
        CheckIn earlier = state.checkIns().get(log.checkInId());
        if (earlier != null && earlier.date().equals(log.date()) && earlier.minutes() == log.minutes()
                && earlier.topics().equals(log.topics() == null ? List.of() : log.topics().stream().map(topic -> topic == null ? null : topic.strip()).toList())
                && Objects.equals(earlier.notes(), log.notes() == null || log.notes().isBlank() ? null : log.notes().strip())) {
            // Sent again (the same Idempotency-Key): answered with what is recorded, even once the match has ended.
            return List.of();
        }
        requireRunning(match);
        if (log.date() == null) {
            throw DomainException.invalidInput("A check-in has the date it took place on");
        }
        LocalDate latest = log.now().atOffset(EARLIEST_ZONE).toLocalDate();
        if (log.date().isAfter(latest)) {
            throw DomainException.invalidInput("A check-in on " + log.date() + " is in the future; log it once it has taken place");
        }
        LocalDate first = match.startedAt().atOffset(LATEST_ZONE).toLocalDate();
        if (log.date().isBefore(first)) {
            throw DomainException.invalidInput("The match started on " + first + "; a check-in on " + log.date() + " predates it");
        }
        if (log.minutes() < 1 || log.minutes() > MAX_MINUTES) {
            throw DomainException.invalidInput("A check-in lasts 1-" + MAX_MINUTES + " minutes");
        }
        List<String> topics = log.topics() == null ? List.of() : log.topics();
        if (topics.size() > MAX_TOPICS || topics.stream().anyMatch(topic -> topic == null || topic.isBlank() || topic.length() > MAX_TOPIC)) {
            throw DomainException.invalidInput("A check-in has at most " + MAX_TOPICS + " topics of 1-" + MAX_TOPIC + " characters");
        }
        if (log.notes() != null && log.notes().length() > MAX_NOTES) {
            throw DomainException.invalidInput("Check-in notes are at most " + MAX_NOTES + " characters");
        }
        List<String> stripped = topics.stream().map(String::strip).toList();
        String notes = log.notes() == null || log.notes().isBlank() ? null : log.notes().strip();
        if (earlier != null) {
            throw DomainException.keyReused("This Idempotency-Key already logged check-in " + log.checkInId() + " with other details");
        }
        return List.of(new CheckInLogged(match.matchId(), log.checkInId(), match.apprenticeId(), match.mentorId(), log.date(), log.minutes(),
                stripped, notes, log.party(), log.now()));
    }

    private static List<CheckInEvent> overdue(CheckInCommand.DetectOverdue detect, CheckIns state) {
        Match match = detect.match();
        if (match.ended()) {
            return List.of();
        }
        Duration cadence = Duration.ofDays(state.cadenceDays());
        Instant anchor = state.anchor(match.startedAt());
        List<CheckInEvent> events = new ArrayList<>();
        for (int period = 1; period <= MAX_PERIODS; period++) {
            Instant due = anchor.plus(cadence.multipliedBy(period));
            if (!due.plus(detect.grace()).isBefore(detect.now())) {
                break;
            }
            if (state.lastDueReported() == null || due.isAfter(state.lastDueReported())) {
                events.add(new CheckInOverdue(match.matchId(), match.apprenticeId(), match.mentorId(), due, period, detect.now()));
            }
        }
        return events;
    }

    private static void requireRunning(Match match) {
        if (match.ended()) {
            throw DomainException.invalidTransition("Match " + match.matchId() + " ended on " + match.endedAt());
        }
    }
}
