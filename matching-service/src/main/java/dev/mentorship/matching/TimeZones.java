package dev.mentorship.matching;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.time.ZoneId;
import java.util.Set;

public final class TimeZones {

    /** The JDK copies this set on every call; the database is fixed for the life of the process. */
    private static final Set<String> IANA = Set.copyOf(ZoneId.getAvailableZoneIds());

    private TimeZones() {
    }

    /**
     * Accepts the ids of the IANA time zone database ("Europe/Berlin", also "UTC"), whose rules follow
     * daylight saving; offsets ("+02:00", "GMT+2", "Z") are refused, since they drift with it.
     */
    public static ZoneId require(String timezone) {
        if (timezone == null || !IANA.contains(timezone)) {
            throw DomainException.invalidInput("timezone must be an IANA time zone such as Europe/Berlin or UTC, got " + timezone);
        }
        return ZoneId.of(timezone);
    }
}
