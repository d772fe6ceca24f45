package dev.mentorship.eventsourcing.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document. {@code errors} lists field-level complaints when there are several. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://mentorship.dev/problems/";

    public record FieldError(String field, String message) {
    }
}
