package dev.mentorship.eventsourcing.decider;

/**
 * A command the domain refuses. The kind decides the HTTP status at the edge; the message is shown
 * to the caller, so it says what was wrong in the caller's terms.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        /** The command is malformed: 400. */
        INVALID_INPUT,
        /** Well-formed, but a business rule forbids it: 422. */
        RULE_VIOLATED,
        /** Something the command refers to does not exist: 404. */
        NOT_FOUND,
        /** The aggregate's current state does not allow it: 409. */
        INVALID_TRANSITION,
        /** Collides with existing data (a duplicate): 409. */
        DUPLICATE,
        /** The caller is not the person this command belongs to: 403. */
        NOT_ALLOWED,
        /** An Idempotency-Key sent again with a different request: 422. */
        KEY_REUSED,
        /** What is asked for is not complete yet (a read model still catching up): 503, to ask again shortly. */
        NOT_READY
    }

    private final Kind kind;

    public DomainException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static DomainException invalidInput(String message) {
        return new DomainException(Kind.INVALID_INPUT, message);
    }

    public static DomainException ruleViolated(String message) {
        return new DomainException(Kind.RULE_VIOLATED, message);
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, message);
    }

    public static DomainException invalidTransition(String message) {
        return new DomainException(Kind.INVALID_TRANSITION, message);
    }

    public static DomainException duplicate(String message) {
        return new DomainException(Kind.DUPLICATE, message);
    }

    public static DomainException notAllowed(String message) {
        return new DomainException(Kind.NOT_ALLOWED, message);
    }

    public static DomainException notReady(String message) {
        return new DomainException(Kind.NOT_READY, message);
    }

    public static DomainException keyReused(String message) {
        return new DomainException(Kind.KEY_REUSED, message);
    }
}
