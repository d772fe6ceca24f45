package dev.mentorship.feedback.mentorship;

import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.MatchStarted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MentorshipProjection implements Projection {

    public static final String NAME = "mentorships";

    private final Payloads payloads;

    public MentorshipProjection(Payloads payloads) {
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (!event.type().equals(Contracts.MATCH_STARTED.ceType())) {
            return Uni.createFrom().voidItem();
        }
        MatchStarted started = payloads.read(event, MatchStarted.class);
        return Mentorship.<Mentorship>findById(started.matchId()).chain(found -> {
            Mentorship mentorship = found == null ? new Mentorship() : found;
            mentorship.matchId = started.matchId();
            mentorship.mentorId = started.mentorId();
            mentorship.apprenticeId = started.apprenticeId();
            mentorship.mentorSubject = started.mentorSubject();
            mentorship.apprenticeSubject = started.apprenticeSubject();
            mentorship.cohortId = started.cohortId();
            mentorship.startedAt = started.startedAt();
            return mentorship.persist();
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> reset() {
        return Mentorship.deleteAll().replaceWithVoid();
    }
}
