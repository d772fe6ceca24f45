package dev.mentorship.eventsourcing.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document. {@code errors} lists field-level complaints when there are several. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://mentorship.dev/problems/";

    /** A problem without field errors; {@code type} is the last segment of its URI. */
    public static Problem of(int status, String type, String title, String detail) {
        return of(status, type, title, detail, List.of());
    }

    /** A problem with field-level complaints; {@code type} is the last segment of its URI. */
    public static Problem of(int status, String type, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + type, title, status, detail, errors);
    }

    public record FieldError(String field, String message) {
    }
}
