package dev.mentorship.progress.checkin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A match's check-ins: the cadence agreed (weekly until the pair or the program office changes it),
 * every check-in logged, and the overdue periods already reported.
 *
 * @param lastDueReported the due time of the last period reported overdue; a period is reported once
 * @param overdueInARow   periods missed since the last check-in, as reported
 */
public record CheckIns(String matchId, int cadenceDays, Map<String, CheckIn> checkIns, LocalDate lastCheckInOn, Instant lastDueReported,
        int overdueInARow) {

    public static final int DEFAULT_CADENCE_DAYS = 7;

    public record CheckIn(String checkInId, LocalDate date, int minutes, List<String> topics, String notes, CheckInCommand.Party loggedBy,
            Instant loggedAt) {
    }

    public static CheckIns initial() {
        return new CheckIns(null, DEFAULT_CADENCE_DAYS, Map.of(), null, null, 0);
    }

    /** Where the current period runs from: the day of the last check-in, or the match's start while there is none. */
    public Instant anchor(Instant matchStartedAt) {
        if (lastCheckInOn == null) {
            return matchStartedAt;
        }
        Instant day = lastCheckInOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        return day.isAfter(matchStartedAt) ? day : matchStartedAt;
    }

    CheckIns withCadence(String matchId, int days) {
        return new CheckIns(matchId, days, checkIns, lastCheckInOn, lastDueReported, overdueInARow);
    }

    CheckIns with(String matchId, CheckIn checkIn) {
        Map<String, CheckIn> all = new LinkedHashMap<>(checkIns);
        all.put(checkIn.checkInId(), checkIn);
        boolean newest = lastCheckInOn == null || !checkIn.date().isBefore(lastCheckInOn);
        return new CheckIns(matchId, cadenceDays, Map.copyOf(all), newest ? checkIn.date() : lastCheckInOn, lastDueReported,
                newest ? 0 : overdueInARow);
    }

    CheckIns overdue(String matchId, Instant dueBy, int inARow) {
        return new CheckIns(matchId, cadenceDays, checkIns, lastCheckInOn, dueBy, inARow);
    }
}
