package dev.mentorship.eventsourcing.store;

/**
 * An append refused because the stream's previous version was written by a transaction newer than
 * the appending one (see {@code V4__stream_order.sql}). Running the same work again in a new
 * transaction succeeds: {@code CommandHandler.inTransaction} does so. Left unretried, it is a 409
 * like any other concurrent change.
 */
public class StreamOrderConflict extends ConcurrencyConflict {

    public StreamOrderConflict(String message) {
        super(message, false);
    }
}
