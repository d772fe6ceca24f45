package dev.mentorship.matching;

/** Messaging channel names, shared with the tests. */
public final class Channels {

    public static final String PROGRESS_EVENTS = "progress-events";
    public static final String FEEDBACK_EVENTS = "feedback-events";

    private Channels() {
    }
}
