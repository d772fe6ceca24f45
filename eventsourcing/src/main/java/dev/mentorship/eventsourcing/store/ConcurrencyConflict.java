package dev.mentorship.eventsourcing.store;

/**
 * The stream moved on since the caller read it. {@code preconditionFailed} is true when the caller
 * named the version it expected (HTTP If-Match), which makes it a 412 rather than a 409.
 */
public class ConcurrencyConflict extends RuntimeException {

    private final boolean preconditionFailed;

    public ConcurrencyConflict(String message, boolean preconditionFailed) {
        super(message, null, false, false);
        this.preconditionFailed = preconditionFailed;
    }

    public boolean preconditionFailed() {
        return preconditionFailed;
    }
}
