package dev.mentorship.feedback;

/** Messaging channel names, shared with the tests. */
public final class Channels {

    public static final String MATCHING_EVENTS = "matching-events";

    private Channels() {
    }
}
