package dev.mentorship.matching.person;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A person's contact details, kept out of the event log so that an erasure request can delete them
 * for good. The id is the mentor's or apprentice's id.
 */
@Entity
@Table(name = "people")
public class Person extends PanacheEntityBase {

    public static final String EMAIL_UNIQUE = "people_email_unique";

    @Id
    public UUID id;
    public String role;
    public String name;
    public String email;
    public String background;

    public static Person of(UUID id, String role, String name, String email, String background) {
        Person person = new Person();
        person.id = id;
        person.role = role;
        person.name = name;
        person.email = email;
        person.background = background;
        return person;
    }
}
