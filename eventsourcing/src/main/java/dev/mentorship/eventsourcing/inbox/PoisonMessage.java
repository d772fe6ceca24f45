package dev.mentorship.eventsourcing.inbox;

/** A consumed record that can never be processed; retrying is pointless, it goes to the dead-letter topic. */
public class PoisonMessage extends RuntimeException {

    public PoisonMessage(String message) {
        super(message, null, false, false);
    }
}
