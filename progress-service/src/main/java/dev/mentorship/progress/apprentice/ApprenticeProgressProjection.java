package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.ApprenticeEnrolled;
import dev.mentorship.events.matching.ApprenticeWithdrawn;
import dev.mentorship.events.matching.MatchEnded;
import dev.mentorship.events.matching.MatchStarted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/**
 * Who an apprentice's progress belongs to: the apprentice, and the mentor of their current match
 * only. A match's events are keyed by the match and an apprentice's by the apprentice, so they reach
 * this service in no order across the two, and may come again (a rebuild, a producer's replay under a
 * new id). Hence a MatchStarted gives its mentor access only if its match has not ended, the
 * apprentice has not withdrawn, and no match of the apprentice that started later is known.
 */
@ApplicationScoped
public class ApprenticeProgressProjection implements Projection {

    public static final String NAME = "apprentice-progress";

    private final Payloads payloads;

    public ApprenticeProgressProjection(Payloads payloads) {
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (event.type().equals(Contracts.APPRENTICE_ENROLLED.ceType())) {
            ApprenticeEnrolled enrolled = payloads.read(event, ApprenticeEnrolled.class);
            return upsert(enrolled.apprenticeId(), progress -> {
                progress.apprenticeSubject = enrolled.apprenticeSubject();
                progress.cohortId = enrolled.cohortId();
                progress.enrolledAt = enrolled.enrolledAt();
            }, event);
        }
        if (event.type().equals(Contracts.MATCH_STARTED.ceType())) {
            MatchStarted started = payloads.read(event, MatchStarted.class);
            return EndedMatch.<EndedMatch>findById(started.matchId()).chain(ended -> upsert(started.apprenticeId(), progress -> {
                progress.apprenticeSubject = started.apprenticeSubject();
                progress.cohortId = started.cohortId();
                boolean older = progress.latestStartAt != null && started.startedAt().isBefore(progress.latestStartAt);
                if (ended != null || progress.withdrawnAt != null || older) {
                    return;
                }
                progress.matchId = started.matchId();
                progress.mentorId = started.mentorId();
                progress.mentorSubject = started.mentorSubject();
                progress.matchedAt = started.startedAt();
                progress.latestStartAt = started.startedAt();
            }, event));
        }
        if (event.type().equals(Contracts.MATCH_ENDED.ceType())) {
            MatchEnded ended = payloads.read(event, MatchEnded.class);
            return EndedMatch.<EndedMatch>findById(ended.matchId()).chain(known -> {
                if (known != null) {
                    return Uni.createFrom().voidItem();
                }
                EndedMatch record = new EndedMatch();
                record.matchId = ended.matchId();
                record.apprenticeId = ended.apprenticeId();
                record.endedAt = ended.endedAt();
                return record.persist().replaceWithVoid();
            }).chain(() -> ApprenticeProgress.<ApprenticeProgress>findById(ended.apprenticeId())).invoke(progress -> {
                if (progress != null && ended.matchId().equals(progress.matchId)) {
                    withoutMatch(progress);
                    progress.updatedAt = event.recordedAt();
                }
            }).replaceWithVoid();
        }
        if (event.type().equals(Contracts.APPRENTICE_WITHDRAWN.ceType())) {
            ApprenticeWithdrawn withdrawn = payloads.read(event, ApprenticeWithdrawn.class);
            return upsert(withdrawn.apprenticeId(), progress -> {
                progress.withdrawnAt = withdrawn.withdrawnAt();
                withoutMatch(progress);
            }, event);
        }
        return Uni.createFrom().voidItem();
    }

    /** No current match: nobody reads the progress as its mentor. */
    private static void withoutMatch(ApprenticeProgress progress) {
        progress.matchId = null;
        progress.mentorId = null;
        progress.mentorSubject = null;
        progress.matchedAt = null;
    }

    @Override
    public Uni<Void> reset() {
        return ApprenticeProgress.deleteAll().chain(() -> EndedMatch.deleteAll()).replaceWithVoid();
    }

    private Uni<Void> upsert(String apprenticeId, Consumer<ApprenticeProgress> change, StoredEvent event) {
        return ApprenticeProgress.<ApprenticeProgress>findById(apprenticeId).chain(found -> {
            ApprenticeProgress progress = found;
            if (progress == null) {
                progress = new ApprenticeProgress();
                progress.apprenticeId = apprenticeId;
            }
            change.accept(progress);
            progress.updatedAt = event.recordedAt();
            return progress.persist();
        }).replaceWithVoid();
    }

}
