package dev.mentorship.progress.checkin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Commands on a match's check-ins. Each carries the match as this service knows it and who the caller is to it. */
public sealed interface CheckInCommand {

    Match match();

    Instant now();

    /** A match as its events told this service: its pair, when it started, and when it ended, if it has. */
    record Match(String matchId, String apprenticeId, String mentorId, Instant startedAt, Instant endedAt) {

        public boolean ended() {
            return endedAt != null;
        }
    }

    /** Who the caller is to the match. */
    enum Party { APPRENTICE, MENTOR, PROGRAM_OFFICE, OTHER }

    record SetCadence(Match match, int days, Party party, Instant now) implements CheckInCommand {
    }

    /** {@code checkInId} is derived from the Idempotency-Key when one is sent. */
    record LogCheckIn(Match match, String checkInId, LocalDate date, int minutes, List<String> topics, String notes, Party party,
            Instant now) implements CheckInCommand {
    }

    /** The overdue job's question: has a period gone by without a check-in, beyond {@code grace}? */
    record DetectOverdue(Match match, Duration grace, Instant now) implements CheckInCommand {
    }
}
