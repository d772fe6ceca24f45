package dev.mentorship.eventsourcing.http;

import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.ConcurrencyConflict;
import jakarta.ws.rs.core.EntityTag;
import java.util.OptionalInt;

/** The stream version travels as a strong ETag; a client sends it back in If-Match to update safely. */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** Reads an If-Match header; absent means "whatever the current version is". */
    public static OptionalInt fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalInt.empty();
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            // If-Match compares strongly (RFC 9110, 13.1.1): a weak tag names no exact version.
            throw new ConcurrencyConflict("A weak ETag (" + ifMatch + ") never matches If-Match; send the ETag as returned, such as \"3\"", true);
        }
        value = value.replace("\"", "");
        try {
            return OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw DomainException.invalidInput("If-Match must be an ETag this service returned, such as \"3\"; got " + ifMatch);
        }
    }
}
