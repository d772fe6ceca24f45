package dev.mentorship.matching.mentor;

import dev.mentorship.eventsourcing.decider.Decider;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.TimeZones;
import dev.mentorship.matching.mentor.MentorCommand.RegisterMentor;
import dev.mentorship.matching.mentor.MentorEvent.MentorRegistered;
import java.util.List;

public final class MentorDecider implements Decider<MentorCommand, MentorEvent, Mentor> {

    @Override
    public Mentor initialState() {
        return Mentor.initial();
    }

    @Override
    public Mentor evolve(Mentor state, MentorEvent event) {
        if (event instanceof MentorRegistered registered) {
            return new Mentor(registered.mentorId(), registered.subject(), registered.sreExperienceYears(),
                    registered.skills(), registered.timezone(), registered.capacity(), registered.managerId(),
                    Mentor.Status.ACTIVE);
        }
        throw new IllegalArgumentException("Unhandled " + event);
    }

    @Override
    public List<MentorEvent> decide(MentorCommand command, Mentor state) {
        if (command instanceof RegisterMentor register) {
            if (state.exists()) {
                throw DomainException.duplicate("Mentor " + register.mentorId() + " is already registered");
            }
            if (register.capacity() < 1) {
                throw DomainException.invalidInput("capacity must be at least 1, got " + register.capacity());
            }
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
                    register.now()));
        }
        throw new IllegalArgumentException("Unhandled " + command);
    }
}
