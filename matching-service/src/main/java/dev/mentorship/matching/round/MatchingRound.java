package dev.mentorship.matching.round;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "matching_rounds")
public class MatchingRound extends PanacheEntityBase {

    @Id
    public String roundId;
    public String cohortId;
    public String createdBy;
    public Instant createdAt;
    /** The draft as returned to the client (JSON). */
    public String draft;
    public Instant publishedAt;
    public String publishedBy;
}
