package dev.mentorship.eventsourcing.decider;

import java.util.List;

/**
 * An aggregate as a pure function pair. {@code decide} turns a command into the events it causes
 * (or throws a {@link DomainException}); {@code evolve} folds one event into the state. Neither reads
 * a clock, generates ids or touches I/O: time and ids arrive inside the command.
 *
 * @param <C> commands
 * @param <E> events
 * @param <S> state
 */
public interface Decider<C, E, S> {

    S initialState();

    S evolve(S state, E event);

    List<E> decide(C command, S state);

    default S fold(Iterable<? extends E> events) {
        S state = initialState();
        for (E event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
