package dev.mentorship.feedback.mentorship;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Read model: a started mentor/apprentice pair, which decides who may give feedback about whom. */
@Entity
@Table(name = "mentorships")
public class Mentorship extends PanacheEntityBase {

    @Id
    public String matchId;
    public String mentorId;
    public String apprenticeId;
    public String mentorSubject;
    public String apprenticeSubject;
    public String cohortId;
    public Instant startedAt;
    public Instant endedAt;
}
