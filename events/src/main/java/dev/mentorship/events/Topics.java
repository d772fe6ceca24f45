package dev.mentorship.events;

/** Topic names. One topic per publishing service, keyed by aggregate id. */
public final class Topics {

    public static final String MATCHING = "mentorship.matching.events";
    public static final String PROGRESS = "mentorship.progress.events";
    public static final String FEEDBACK = "mentorship.feedback.events";

    private Topics() {
    }

    public static String of(String service) {
        return "mentorship." + service + ".events";
    }

    /** Where a consuming service parks events it could not process. */
    public static String deadLetter(String consumingService) {
        return "mentorship." + consumingService + ".dead-letter";
    }
}
