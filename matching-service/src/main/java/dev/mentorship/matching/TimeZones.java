package dev.mentorship.matching;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.time.DateTimeException;
import java.time.ZoneId;

public final class TimeZones {

    private TimeZones() {
    }

    /** Accepts IANA region ids only ("Europe/Berlin"); offsets like "+02:00" drift with daylight saving. */
    public static ZoneId require(String timezone) {
        if (timezone == null || !timezone.contains("/")) {
            throw DomainException.invalidInput("timezone must be an IANA time zone such as Europe/Berlin, got " + timezone);
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw DomainException.invalidInput("timezone must be an IANA time zone such as Europe/Berlin, got " + timezone);
        }
    }
}
