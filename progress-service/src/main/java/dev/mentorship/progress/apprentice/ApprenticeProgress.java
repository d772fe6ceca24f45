package dev.mentorship.progress.apprentice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Read model: one apprentice's journey as progress-service knows it. */
@Entity
@Table(name = "apprentice_progress")
public class ApprenticeProgress extends PanacheEntityBase {

    @Id
    public String apprenticeId;
    public String apprenticeSubject;
    public String cohortId;
    public String matchId;
    public String mentorId;
    public String mentorSubject;
    public Instant enrolledAt;
    public Instant matchedAt;
    public Instant updatedAt;
}
