package dev.mentorship.feedback.aggregate;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Aggregates are shown for closed months only: a month still open would change with each answer,
 * and two readings a submission apart would give that one answer away.
 */
public final class Periods {

    private Periods() {
    }

    /** The month asked for, {@code yyyy-MM} and closed; the last closed month when absent. */
    public static YearMonth closed(String period, Clock clock) {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (period == null || period.isBlank()) {
            return current.minusMonths(1);
        }
        YearMonth month;
        try {
            month = YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw DomainException.invalidInput("period is a month such as 2026-11; got " + period);
        }
        if (!month.isBefore(current)) {
            throw DomainException.invalidInput("Aggregates are shown for closed months only; " + month + " has not ended");
        }
        return month;
    }
}
