package dev.mentorship.progress.apprentice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Read model: a match known to be over, so that its MatchStarted, arriving late or again, gives nobody access. */
@Entity
@Table(name = "ended_matches")
public class EndedMatch extends PanacheEntityBase {

    @Id
    public String matchId;
    public String apprenticeId;
    public Instant endedAt;
}
