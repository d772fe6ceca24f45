package dev.mentorship.matching.person;

import dev.mentorship.eventsourcing.command.Versioned;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.eventsourcing.store.SqlErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Writes a person's contact record and their first events in one transaction. */
public final class Registration {

    private Registration() {
    }

    public static <S> Uni<Versioned<S>> register(Person person, Supplier<Uni<Versioned<S>>> command) {
        return Panache.withTransaction(() -> person.persistAndFlush().chain(() -> command.get()))
                .onFailure(failure -> SqlErrors.violates(failure, Person.EMAIL_UNIQUE))
                .transform(failure -> DomainException.duplicate("Someone is already registered with the e-mail " + person.email));
    }
}
