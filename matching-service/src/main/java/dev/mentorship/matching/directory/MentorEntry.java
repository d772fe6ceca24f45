package dev.mentorship.matching.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@Entity
@Table(name = "mentor_directory")
public class MentorEntry extends PanacheEntityBase {

    @Id
    public String mentorId;
    public String subject;
    public int sreExperienceYears;
    /** Comma-separated skill ids from the vocabulary. */
    public String skills;
    public String timezone;
    public int capacity;
    public String managerId;
    public String status;
    public Instant registeredAt;

    public List<String> skillList() {
        return skills.isEmpty() ? List.of() : Arrays.asList(skills.split(","));
    }
}
