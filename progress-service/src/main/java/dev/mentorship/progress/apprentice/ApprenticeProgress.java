package dev.mentorship.progress.apprentice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Read model: one apprentice's journey as progress-service knows it. The match fields name the
 * current match and are empty while there is none: its mentor is who may read the progress.
 */
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
    /** Set once the apprentice has withdrawn: no match gives a mentor access after that. */
    public Instant withdrawnAt;
    /** When the newest match seen for the apprentice started, kept after it ends: an earlier start is an older match. */
    public Instant latestStartAt;
}
