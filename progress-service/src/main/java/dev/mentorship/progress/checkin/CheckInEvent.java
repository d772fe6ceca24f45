package dev.mentorship.progress.checkin;

import dev.mentorship.eventsourcing.privacy.Personal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What happens to a match's check-ins; topics and notes stay with the pair and this service. */
public sealed interface CheckInEvent {

    String matchId();

    Instant at();

    record CadenceSet(String matchId, String apprenticeId, int days, Instant at) implements CheckInEvent {
    }

    record CheckInLogged(String matchId, String checkInId, String apprenticeId, String mentorId, LocalDate date, int minutes,
            @Personal(keyedBy = "matchId") List<String> topics, @Personal(keyedBy = "matchId") String notes, CheckInCommand.Party loggedBy, Instant at) implements CheckInEvent {
    }

    /** Period {@code missedPeriods} in a row went by without a check-in; it was due by {@code dueBy}. */
    record CheckInOverdue(String matchId, String apprenticeId, String mentorId, Instant dueBy, int missedPeriods, Instant at)
            implements CheckInEvent {
    }
}
