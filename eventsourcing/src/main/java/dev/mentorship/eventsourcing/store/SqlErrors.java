package dev.mentorship.eventsourcing.store;

/** Recognises PostgreSQL constraint violations through whatever the reactive stack wrapped them in. */
public final class SqlErrors {

    private SqlErrors() {
    }

    public static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
