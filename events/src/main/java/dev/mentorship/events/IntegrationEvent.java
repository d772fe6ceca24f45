package dev.mentorship.events;

/**
 * An event that crosses service boundaries. It is a published contract: its JSON shape is fixed by
 * a schema in {@code schemas/}, and changing it means a new version, never an edit.
 */
public interface IntegrationEvent {

    /** The id of the aggregate the event is about; it becomes the Kafka key and the CloudEvents subject. */
    String subject();
}
