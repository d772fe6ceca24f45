package dev.mentorship.matching.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeEnrolled;
import dev.mentorship.matching.match.MatchEvent.MatchDeclined;
import dev.mentorship.matching.match.MatchEvent.MatchProposed;
import dev.mentorship.matching.match.MatchEvent.MatchStarted;
import dev.mentorship.matching.mentor.MentorEvent.MentorRegistered;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Mentors, apprentices and matches as lists: what matching rounds and the program office read. */
@ApplicationScoped
public class DirectoryProjection implements Projection {

    public static final String NAME = "directory";

    private final ObjectMapper json;

    public DirectoryProjection(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        switch (event.type()) {
            case "MentorRegistered" -> {
                MentorRegistered registered = read(event, MentorRegistered.class);
                MentorEntry entry = new MentorEntry();
                entry.mentorId = registered.mentorId();
                entry.subject = registered.subject();
                entry.sreExperienceYears = registered.sreExperienceYears();
                entry.skills = String.join(",", registered.skills());
                entry.timezone = registered.timezone();
                entry.capacity = registered.capacity();
                entry.managerId = registered.managerId();
                entry.status = "ACTIVE";
                entry.registeredAt = registered.registeredAt();
                return entry.persist().replaceWithVoid();
            }
            case "ApprenticeEnrolled" -> {
                ApprenticeEnrolled enrolled = read(event, ApprenticeEnrolled.class);
                ApprenticeEntry entry = new ApprenticeEntry();
                entry.apprenticeId = enrolled.apprenticeId();
                entry.subject = enrolled.subject();
                entry.cohortId = enrolled.cohortId();
                entry.goals = String.join(",", enrolled.goals());
                entry.timezone = enrolled.timezone();
                entry.managerId = enrolled.managerId();
                entry.status = ApprenticeEntry.WAITING;
                entry.enrolledAt = enrolled.enrolledAt();
                return entry.persist().replaceWithVoid();
            }
            case "MatchProposed" -> {
                MatchProposed proposed = read(event, MatchProposed.class);
                MatchRecord record = new MatchRecord();
                record.matchId = proposed.matchId();
                record.mentorId = proposed.mentorId();
                record.apprenticeId = proposed.apprenticeId();
                record.cohortId = proposed.cohortId();
                record.status = "PROPOSED";
                record.proposedAt = proposed.proposedAt();
                return record.persist().chain(() -> apprentice(proposed.apprenticeId(), ApprenticeEntry.PROPOSED, null));
            }
            case "MatchStarted" -> {
                MatchStarted started = read(event, MatchStarted.class);
                return MatchRecord.<MatchRecord>findById(started.matchId()).chain(record -> {
                    record.status = "STARTED";
                    record.startedAt = started.startedAt();
                    return apprentice(record.apprenticeId, ApprenticeEntry.MATCHED, started.startedAt());
                });
            }
            case "MatchDeclined" -> {
                MatchDeclined declined = read(event, MatchDeclined.class);
                return MatchRecord.<MatchRecord>findById(declined.matchId()).chain(record -> {
                    record.status = "DECLINED";
                    record.endedAt = declined.declinedAt();
                    record.endReason = "declined";
                    record.declinedBy = declined.party().name();
                    return apprentice(record.apprenticeId, ApprenticeEntry.WAITING, null);
                });
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
    }

    @Override
    public Uni<Void> reset() {
        return MatchRecord.deleteAll().chain(() -> ApprenticeEntry.deleteAll()).chain(() -> MentorEntry.deleteAll()).replaceWithVoid();
    }

    private static Uni<Void> apprentice(String apprenticeId, String status, java.time.Instant matchedAt) {
        return ApprenticeEntry.<ApprenticeEntry>findById(apprenticeId).invoke(entry -> {
            if (entry != null) {
                entry.status = status;
                entry.matchedAt = matchedAt;
            }
        }).replaceWithVoid();
    }

    private <T> T read(StoredEvent event, Class<T> type) {
        try {
            return json.readValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + event.type() + " " + event.eventId() + " is unreadable", e);
        }
    }
}
