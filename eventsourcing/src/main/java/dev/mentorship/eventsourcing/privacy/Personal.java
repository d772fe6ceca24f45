package dev.mentorship.eventsourcing.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of a domain event record as personal data (a name, an e-mail address, free
 * text, evidence, answers): it is stored encrypted under the data key that the component named by
 * {@link #keyedBy} holds the id of, and reads as {@link PersonalData#PLACEHOLDER} once that key is
 * erased. Integration events carry no personal fields at all.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Personal {

    /**
     * The record component whose value names the key: the person the field is about, or a record
     * about two people (a match) whose key is erased with either of them.
     */
    String keyedBy();
}
