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

    /** The quarter asked for, {@code yyyy-Qn} and closed; the last closed quarter when absent. */
    public static String closedQuarter(String period, Clock clock) {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        int current = now.getYear() * 4 + (now.getMonthValue() - 1) / 3;
        int asked;
        if (period == null || period.isBlank()) {
            asked = current - 1;
        } else {
            var match = java.util.regex.Pattern.compile("(\\d{4})-Q([1-4])").matcher(period);
            if (!match.matches()) {
                throw DomainException.invalidInput("period is a quarter such as 2026-Q3; got " + period);
            }
            asked = Integer.parseInt(match.group(1)) * 4 + Integer.parseInt(match.group(2)) - 1;
            if (asked >= current) {
                throw DomainException.invalidInput("Feedback is shown for closed quarters only; " + period + " has not ended");
            }
        }
        // Four digits always: quarterEnd reads the year back from the first four (0999-Q1 stays 0999).
        return String.format("%04d-Q%d", asked / 4, asked % 4 + 1);
    }

    /** The instant a month ends. */
    public static java.time.Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The instant a quarter {@code yyyy-Qn} ends. */
    public static java.time.Instant quarterEnd(String quarter) {
        int year = Integer.parseInt(quarter.substring(0, 4));
        int q = Integer.parseInt(quarter.substring(6));
        return YearMonth.of(year, (q - 1) * 3 + 1).plusMonths(3).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
