package dev.mentorship.matching.mentor;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.TimeZones;
import dev.mentorship.matching.mentor.MentorCommand.ChangeCapacity;
import dev.mentorship.matching.mentor.MentorCommand.OffboardMentor;
import dev.mentorship.matching.mentor.MentorCommand.RegisterMentor;
import dev.mentorship.matching.mentor.MentorCommand.UpdateMentor;
import dev.mentorship.matching.mentor.MentorEvent.MentorCapacityChanged;
import dev.mentorship.matching.mentor.MentorEvent.MentorOffboarded;
import dev.mentorship.matching.mentor.MentorEvent.MentorRegistered;
import dev.mentorship.matching.mentor.MentorEvent.MentorUpdated;
import java.util.List;
import java.util.Objects;

public final class MentorDecider implements Decider<MentorCommand, MentorEvent, Mentor> {

    /** Most apprentices one teacher can serve well at once. */
    public static final int MAX_CAPACITY = 20;

    @Override
    public Mentor initialState() {
        return Mentor.initial();
    }

    @Override
    public Mentor evolve(Mentor state, MentorEvent event) {
        return switch (event) {
            case MentorRegistered r -> new Mentor(r.mentorId(), r.subject(), r.sreExperienceYears(), r.skills(), r.timezone(),
                    r.capacity(), r.managerId(), r.pledgedQualities() == null ? List.of() : r.pledgedQualities(), Mentor.Status.ACTIVE);
            case MentorUpdated u -> new Mentor(state.id(), state.subject(), u.sreExperienceYears(), u.skills(), u.timezone(),
                    state.capacity(), u.managerId(), u.pledgedQualities(), u.status());
            case MentorCapacityChanged c -> new Mentor(state.id(), state.subject(), state.sreExperienceYears(), state.skills(),
                    state.timezone(), c.capacity(), state.managerId(), state.pledgedQualities(), state.status());
            case MentorOffboarded _ -> new Mentor(state.id(), state.subject(), state.sreExperienceYears(), state.skills(),
                    state.timezone(), state.capacity(), state.managerId(), state.pledgedQualities(), Mentor.Status.OFFBOARDED);
        };
    }

    @Override
    public List<MentorEvent> decide(MentorCommand command, Mentor state) {
        if (command instanceof RegisterMentor register) {
            return register(register, state);
        }
        if (!state.exists()) {
            throw DomainException.notFound("No mentor");
        }
        if (state.status() == Mentor.Status.OFFBOARDED) {
            if (command instanceof OffboardMentor) {
                return List.of();
            }
            throw DomainException.invalidTransition("Mentor " + state.id() + " was offboarded");
        }
        return switch (command) {
            case RegisterMentor register -> register(register, state);
            case UpdateMentor update -> update(update, state);
            case ChangeCapacity change -> {
                requireCapacity(change.capacity());
                yield change.capacity() == state.capacity() ? List.of()
                        : List.of(new MentorCapacityChanged(state.id(), change.capacity(), change.now()));
            }
            case OffboardMentor offboard -> List.of(new MentorOffboarded(state.id(), offboard.now()));
        };
    }

    private static List<MentorEvent> register(RegisterMentor register, Mentor state) {
        if (state.exists()) {
            throw DomainException.duplicate("Mentor " + register.mentorId() + " is already registered");
        }
        requireCapacity(register.capacity());
        if (register.sreExperienceYears() < 0) {
            throw DomainException.invalidInput("sreExperienceYears cannot be negative");
        }
        TimeZones.require(register.timezone());
        if (register.sreExperienceYears() < register.minimumExperienceYears()) {
            throw DomainException.ruleViolated("A mentor needs at least " + register.minimumExperienceYears()
                    + " years of SRE experience; this one has " + register.sreExperienceYears());
        }
        return List.of(new MentorRegistered(register.mentorId(), register.subject(), register.sreExperienceYears(),
                List.copyOf(register.skills()), register.timezone(), register.capacity(), register.managerId(),
                List.copyOf(register.pledgedQualities()), register.now()));
    }

    private static List<MentorEvent> update(UpdateMentor update, Mentor state) {
        if (update.status() == Mentor.Status.OFFBOARDED) {
            throw DomainException.invalidInput("Use the offboard endpoint to offboard a mentor");
        }
        if (update.sreExperienceYears() != null && update.sreExperienceYears() < state.sreExperienceYears()) {
            throw DomainException.invalidInput("sreExperienceYears cannot go down (" + state.sreExperienceYears() + " on record)");
        }
        if (update.timezone() != null) {
            TimeZones.require(update.timezone());
        }
        MentorUpdated next = new MentorUpdated(state.id(),
                update.sreExperienceYears() != null ? update.sreExperienceYears() : state.sreExperienceYears(),
                update.skills() != null ? List.copyOf(update.skills()) : state.skills(),
                update.timezone() != null ? update.timezone() : state.timezone(),
                update.managerId() != null ? update.managerId() : state.managerId(),
                update.pledgedQualities() != null ? List.copyOf(update.pledgedQualities()) : state.pledgedQualities(),
                update.status() != null ? update.status() : state.status(),
                update.now());
        boolean unchanged = next.sreExperienceYears() == state.sreExperienceYears() && next.skills().equals(state.skills())
                && next.timezone().equals(state.timezone()) && Objects.equals(next.managerId(), state.managerId())
                && next.pledgedQualities().equals(state.pledgedQualities()) && next.status() == state.status();
        return unchanged ? List.of() : List.of(next);
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw DomainException.invalidInput("capacity must be between 1 and " + MAX_CAPACITY + ", got " + capacity);
        }
    }
}
