package dev.mentorship.matching.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "match_records")
public class MatchRecord extends PanacheEntityBase {

    /** Statuses of a match that is still going: proposed, started or under review. */
    public static final List<String> OPEN = List.of("PROPOSED", "STARTED", "UNDER_REVIEW");

    @Id
    public String matchId;
    public String mentorId;
    public String apprenticeId;
    public String cohortId;
    public String status;
    public Instant proposedAt;
    public Instant startedAt;
    public Instant endedAt;
    public String endReason;
    public String declinedBy;
}
