package dev.mentorship.progress.apprentice;

import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.ApprenticeEnrolled;
import dev.mentorship.events.matching.MatchStarted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

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
            return upsert(started.apprenticeId(), progress -> {
                progress.apprenticeSubject = started.apprenticeSubject();
                progress.cohortId = started.cohortId();
                progress.matchId = started.matchId();
                progress.mentorId = started.mentorId();
                progress.mentorSubject = started.mentorSubject();
                progress.matchedAt = started.startedAt();
            }, event);
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> reset() {
        return ApprenticeProgress.deleteAll().replaceWithVoid();
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
