package dev.mentorship.eventsourcing.http;

import dev.mentorship.eventsourcing.decider.DomainException;
import java.util.Optional;

/**
 * The page a client asks for with {@code ?limit=} and {@code ?after=}: how many rows, and after which
 * position ({@code after} as the service gave it, read by the list that knows its key).
 */
public record PageRequest(int limit, Optional<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static final String LIMIT = "limit";
    public static final String AFTER = "after";

    public static final String LIMIT_DESCRIPTION = "Rows in the page: 1 to 500; absent or empty: 50. "
            + "The next page, if there is one, is named in the Link header (rel=\"next\").";
    public static final String AFTER_DESCRIPTION = "Where the page starts: the after of the previous page's Link rel=\"next\", "
            + "passed on unchanged. Absent or empty: the first page.";
    public static final String LINK_DESCRIPTION = "<...>; rel=\"next\": the address of the next page, with the request's other "
            + "parameters kept. Absent on the last page.";
    /** For a list's operation description: what it does besides the JSON page. */
    public static final String CSV_DESCRIPTION = " Paged by limit and after, in a stable order; the next page is named in the Link "
            + "header. With Accept: text/csv it answers every row instead, streamed, with a header line; limit and after "
            + "do not apply there.";

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /** The query parameters as they came; 400 for a limit that is not a whole number from 1 to 500. */
    public static PageRequest of(String limit, String after) {
        return new PageRequest(limit(limit), after == null || after.isEmpty() ? Optional.empty() : Optional.of(after));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        // Digits only and at most four of them: "+5", " 5", "1e2" and what would overflow an int are refused alike.
        if (!limit.matches("[0-9]{1,4}")) {
            throw DomainException.invalidInput("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '"
                    + (limit.length() > 20 ? limit.substring(0, 20) + "..." : limit) + "'");
        }
        int value = Integer.parseInt(limit);
        if (value < 1 || value > MAX_LIMIT) {
            throw DomainException.invalidInput("limit must be from 1 to " + MAX_LIMIT + ", not " + value
                    + (value > MAX_LIMIT ? "; follow the Link rel=\"next\" header for more rows, or ask for text/csv for all of them" : ""));
        }
        return value;
    }

    /** Rows to read: one more than the page, which tells whether a next page exists without counting. */
    public int fetch() {
        return limit + 1;
    }
}
