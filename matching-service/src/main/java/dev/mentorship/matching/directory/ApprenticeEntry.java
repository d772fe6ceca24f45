package dev.mentorship.matching.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@Entity
@Table(name = "apprentice_directory")
public class ApprenticeEntry extends PanacheEntityBase {

    public static final String WAITING = "ENROLLED";
    public static final String PROPOSED = "PROPOSED";
    public static final String MATCHED = "MATCHED";

    @Id
    public String apprenticeId;
    public String subject;
    public String cohortId;
    /** Comma-separated skill ids the apprentice wants to learn. */
    public String goals;
    public String timezone;
    public String managerId;
    public String status;
    public Instant enrolledAt;
    public Instant matchedAt;

    public List<String> goalList() {
        return goals.isEmpty() ? List.of() : Arrays.asList(goals.split(","));
    }
}
