package dev.mentorship.matching.directory;

import dev.mentorship.eventsourcing.privacy.PersonalData;
import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.matching.apprentice.ApprenticeEvent;
import dev.mentorship.matching.apprentice.ApprenticeEvent.ApprenticeEnrolled;
import dev.mentorship.matching.match.EndReason;
import dev.mentorship.matching.match.MatchEvent;
import dev.mentorship.matching.mentor.MentorEvent;
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

    private final Payloads payloads;

    public DirectoryProjection(Payloads payloads) {
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        switch (event.type()) {
            case "MentorRegistered" -> {
                MentorRegistered registered = payloads.read(event, MentorRegistered.class);
                MentorEntry entry = new MentorEntry();
                entry.mentorId = registered.mentorId();
                entry.subject = registered.subject();
                entry.sreExperienceYears = registered.sreExperienceYears();
                entry.skills = String.join(",", registered.skills());
                entry.timezone = registered.timezone();
                entry.capacity = registered.capacity();
                entry.managerId = manager(registered.managerId());
                entry.status = "ACTIVE";
                entry.registeredAt = registered.registeredAt();
                return entry.persist().replaceWithVoid();
            }
            case "ApprenticeEnrolled" -> {
                ApprenticeEnrolled enrolled = payloads.read(event, ApprenticeEnrolled.class);
                ApprenticeEntry entry = new ApprenticeEntry();
                entry.apprenticeId = enrolled.apprenticeId();
                entry.subject = enrolled.subject();
                entry.cohortId = enrolled.cohortId();
                entry.goals = String.join(",", enrolled.goals());
                entry.timezone = enrolled.timezone();
                entry.managerId = manager(enrolled.managerId());
                entry.status = ApprenticeEntry.WAITING;
                entry.enrolledAt = enrolled.enrolledAt();
                return entry.persist().replaceWithVoid();
            }
            case "MatchProposed" -> {
                MatchProposed proposed = payloads.read(event, MatchProposed.class);
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
                MatchStarted started = payloads.read(event, MatchStarted.class);
                return MatchRecord.<MatchRecord>findById(started.matchId()).chain(record -> {
                    record.status = "STARTED";
                    record.startedAt = started.startedAt();
                    return apprentice(record.apprenticeId, ApprenticeEntry.MATCHED, started.startedAt());
                });
            }
            case "MatchDeclined" -> {
                MatchDeclined declined = payloads.read(event, MatchDeclined.class);
                return MatchRecord.<MatchRecord>findById(declined.matchId()).chain(record -> {
                    record.status = "DECLINED";
                    record.endedAt = declined.declinedAt();
                    record.endReason = "declined";
                    record.declinedBy = declined.party().name();
                    return apprentice(record.apprenticeId, ApprenticeEntry.WAITING, null);
                });
            }
            case "MentorUpdated" -> {
                MentorEvent.MentorUpdated updated = payloads.read(event, MentorEvent.MentorUpdated.class);
                return MentorEntry.<MentorEntry>findById(updated.mentorId()).invoke(entry -> {
                    entry.sreExperienceYears = updated.sreExperienceYears();
                    entry.skills = String.join(",", updated.skills());
                    entry.timezone = updated.timezone();
                    entry.managerId = manager(updated.managerId());
                    entry.status = updated.status().name();
                }).replaceWithVoid();
            }
            case "MentorCapacityChanged" -> {
                MentorEvent.MentorCapacityChanged changed = payloads.read(event, MentorEvent.MentorCapacityChanged.class);
                return MentorEntry.<MentorEntry>findById(changed.mentorId()).invoke(entry -> entry.capacity = changed.capacity()).replaceWithVoid();
            }
            case "MentorOffboarded" -> {
                MentorEvent.MentorOffboarded offboarded = payloads.read(event, MentorEvent.MentorOffboarded.class);
                return MentorEntry.<MentorEntry>findById(offboarded.mentorId()).invoke(entry -> entry.status = "OFFBOARDED").replaceWithVoid();
            }
            case "ApprenticeUpdated" -> {
                ApprenticeEvent.ApprenticeUpdated updated = payloads.read(event, ApprenticeEvent.ApprenticeUpdated.class);
                return ApprenticeEntry.<ApprenticeEntry>findById(updated.apprenticeId()).invoke(entry -> {
                    entry.goals = String.join(",", updated.goals());
                    entry.timezone = updated.timezone();
                    entry.managerId = manager(updated.managerId());
                }).replaceWithVoid();
            }
            case "ApprenticeWithdrawn" -> {
                ApprenticeEvent.ApprenticeWithdrawn withdrawn = payloads.read(event, ApprenticeEvent.ApprenticeWithdrawn.class);
                return apprentice(withdrawn.apprenticeId(), "WITHDRAWN", null);
            }
            case "ApprenticeGraduated" -> {
                ApprenticeEvent.ApprenticeGraduated graduated = payloads.read(event, ApprenticeEvent.ApprenticeGraduated.class);
                return ApprenticeEntry.<ApprenticeEntry>findById(graduated.apprenticeId())
                        .invoke(entry -> entry.status = "GRADUATED").replaceWithVoid();
            }
            case "MatchPutUnderReview" -> {
                MatchEvent.MatchPutUnderReview review = payloads.read(event, MatchEvent.MatchPutUnderReview.class);
                return MatchRecord.<MatchRecord>findById(review.matchId()).invoke(record -> record.status = "UNDER_REVIEW").replaceWithVoid();
            }
            case "MatchKept" -> {
                MatchEvent.MatchKept kept = payloads.read(event, MatchEvent.MatchKept.class);
                return MatchRecord.<MatchRecord>findById(kept.matchId()).invoke(record -> record.status = "STARTED").replaceWithVoid();
            }
            case "MatchEnded" -> {
                MatchEvent.MatchEnded ended = payloads.read(event, MatchEvent.MatchEnded.class);
                return MatchRecord.<MatchRecord>findById(ended.matchId()).chain(record -> {
                    record.status = "ENDED";
                    record.endedAt = ended.endedAt();
                    record.endReason = ended.reason().name();
                    // Graduation and withdrawal are recorded on the apprentice's own stream; after any other
                    // ending the apprentice waits for a new match.
                    boolean waitsAgain = ended.reason() == EndReason.REMATCHED || ended.reason() == EndReason.ENDED_BY_PROGRAM_OFFICE;
                    return waitsAgain ? apprentice(record.apprenticeId, ApprenticeEntry.WAITING, null) : Uni.createFrom().voidItem();
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


    /** A manager whose key was erased with their report's reads as the placeholder: for the directory, no manager. */
    private static String manager(String managerId) {
        return PersonalData.PLACEHOLDER.equals(managerId) ? null : managerId;
    }
}
