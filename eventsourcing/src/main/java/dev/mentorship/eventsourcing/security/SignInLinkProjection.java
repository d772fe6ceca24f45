package dev.mentorship.eventsourcing.security;

import dev.mentorship.eventsourcing.projection.Payloads;
import dev.mentorship.eventsourcing.projection.Projection;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.StoredEvent;
import dev.mentorship.events.Contracts;
import dev.mentorship.events.matching.ApprenticeSignInLinked;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/**
 * Keeps this service's {@code sign_in_links} from matching-service's ApprenticeSignInLinked (matching-service
 * writes its own with the link's command). A link of a person already erased here is not kept.
 */
@ApplicationScoped
public class SignInLinkProjection implements Projection {

    public static final String NAME = "sign-in-links";

    private final Payloads payloads;

    public SignInLinkProjection(Payloads payloads) {
        this.payloads = payloads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(StoredEvent event) {
        if (!event.type().equals(Contracts.APPRENTICE_SIGN_IN_LINKED.ceType())) {
            return Uni.createFrom().voidItem();
        }
        ApprenticeSignInLinked link = payloads.read(event, ApprenticeSignInLinked.class);
        return SessionSql.update("insert into sign_in_links (sign_in_subject, subject, linked_at) select $1, $2, $3 "
                        + "where not exists (select 1 from erased_subjects where subject = $2) on conflict (sign_in_subject) do nothing",
                link.signInSubject(), link.apprenticeSubject(), link.linkedAt().atOffset(ZoneOffset.UTC)).replaceWithVoid();
    }

    /**
     * Nothing to delete: links are facts that a replay inserts again, and in matching-service the
     * links are written by the link's command, not by this projection.
     */
    @Override
    public Uni<Void> reset() {
        return Uni.createFrom().voidItem();
    }
}
