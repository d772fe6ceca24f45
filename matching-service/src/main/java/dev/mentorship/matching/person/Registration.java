package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.security.SignInLinks;
import dev.mentorship.eventsourcing.store.SqlErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Writes a person's contact record and their first events in one transaction. */
public final class Registration {

    private Registration() {
    }

    /**
     * Refused (409) when {@code subject} is the subject an apprentice enrolled from an HR tool signs in
     * with: it acts as their pseudonym everywhere, so a record under it could never be reached.
     */
    public static <S> Uni<Versioned<S>> register(Person person, String subject, Supplier<Uni<Versioned<S>>> command) {
        return Panache.withTransaction(() -> SignInLinks.linkOf(subject).chain(linked -> {
                    if (linked.isPresent()) {
                        throw DomainException.duplicate("Subject " + subject + " is how an apprentice enrolled from an HR tool signs in");
                    }
                    return person.persistAndFlush().chain(() -> command.get());
                }))
                .onFailure(failure -> SqlErrors.violates(failure, Person.EMAIL_UNIQUE))
                .transform(failure -> DomainException.duplicate("Someone is already registered with the e-mail " + person.email));
    }
}
